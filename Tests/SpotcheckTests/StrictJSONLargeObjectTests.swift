import Compliance
import Messages
import Rulebook
import Testing

// Objects of more than 16 keys find repeated keys through a hash table
// (StrictJSON.KeyTable): the repeat must still be reported at the second
// occurrence, wherever it is, and distinct keys must never be taken for one.

@Suite("Strict JSON: repeated keys in large objects")
struct StrictJSONLargeObjectTests {
    /// `{"k0": 0, ...}` with one key per line; `repeatAt` writes key `repeated` again on that line.
    func object(keys n: Int, repeatAt: Int? = nil, repeated: Int = 0) -> [UInt8] {
        var lines = ["{"]
        for i in 0..<n {
            let key = i == repeatAt ? "k\(repeated)" : "k\(i)"
            lines.append("  \"\(key)\": \(i)" + (i == n - 1 ? "" : ","))
        }
        lines.append("}")
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test("distinct keys of a 1,000-key object all load, in order")
    func distinctKeysLoad() throws {
        let result = StrictJSON.parse(object(keys: 1_000), path: "big.json")
        guard case .success(let root) = result else { Issue.record("refused: \(result)"); return }
        let entries = try #require(root.entries)
        #expect(entries.map(\.key) == (0..<1_000).map { "k\($0)" })
    }

    @Test("a repeated key is reported at its second occurrence", arguments: [(16, 3), (17, 16), (200, 0), (999, 998), (500, 257)])
    func repeatedKey(_ at: Int, _ repeated: Int) {
        let result = StrictJSON.parse(object(keys: 1_000, repeatAt: at, repeated: repeated), path: "big.json")
        guard case .failure(let d) = result else { Issue.record("k\(repeated) repeated on line \(at + 2) was not found"); return }
        #expect(d.line == at + 2 && d.column == 3, "reported at \(d.line):\(d.column)")
        #expect(d.message.en.contains("'k\(repeated)' repeats"), "\(d.message.en)")
    }
}
