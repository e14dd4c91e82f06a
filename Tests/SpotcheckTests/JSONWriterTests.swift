import Compliance
import Foundation
import Testing

// The byte writer must lay out any JSON exactly as JSONValue.serialized()
// does (pretty), and compact output must be valid JSON of the same value.

@Suite("JSONWriter")
struct JSONWriterTests {
    /// JSON text with the spaces and line breaks outside strings removed.
    static func minified(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inString = false
        var escaped = false
        for b in json {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                out.append(b)
            } else if b == 0x22 {
                inString = true
                out.append(b)
            } else if b != 0x20 && b != 0x0A {
                out.append(b)
            }
        }
        return out
    }

    /// Seeded random JSON values: control characters, quotes, backslashes,
    /// CJK and emoji in strings and keys; inline and nested arrays; doubles.
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }

        mutating func string() -> String {
            let pieces = ["a", "Z", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "冷藏", "℃", "😀", " ", "/", "\u{2028}"]
            return (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined()
        }

        mutating func value(depth: Int = 0) -> JSONValue {
            switch depth > 3 ? next(5) : next(8) {
            case 0: return .null
            case 1: return .bool(next(2) == 0)
            case 2: return .int(Int64(next(2_000_001)) - 1_000_000)
            case 3: return .double([0.0, -0.0, 9.5, 1e15, 1e16, 0.1, -3.0, 123456.789, .infinity][next(9)])
            case 4: return .string(string())
            case 5: return .array((0..<next(4)).map { _ in next(2) == 0 ? .string(string()) : .int(Int64(next(100))) })
            case 6: return .array((0..<next(4)).map { _ in value(depth: depth + 1) })
            default: return .object((0..<next(4)).map { _ in (string(), value(depth: depth + 1)) })
            }
        }
    }

    @Test("pretty output is JSONValue.serialized() byte for byte; compact output is the same without white space")
    func sameAsJSONValue() throws {
        var g = Generator(state: 42)
        for _ in 0..<2_000 {
            let v = g.value()
            var pretty = JSONWriter(pretty: true)
            pretty.value(v)
            #expect(pretty.bytes == Array(v.serialized().utf8), "pretty layout differs for \(v)")
            var compact = JSONWriter(pretty: false)
            compact.value(v)
            #expect(!compact.bytes.contains(0x0A), "compact output has a line break")
            // The same JSON without the white space between tokens, and valid JSON.
            #expect(compact.bytes == Self.minified(Array(v.serialized().utf8)), "compact output differs for \(v)")
            _ = try JSONSerialization.jsonObject(with: Data("[".utf8 + compact.bytes + "]".utf8))
        }
    }
}
