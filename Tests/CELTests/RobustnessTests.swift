import Testing
@testable import CEL

/// Property test: thousands of random and mutated expressions go through the
/// parser, checker and evaluator; none may crash or hang, and every failure
/// must be a diagnostic with a position inside the text.
@Suite("Robustness")
struct RobustnessTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    }

    static let seeds = [
        "value > 8.0 && !certified", "entity.credit_grade in ['C', 'D']", "items.all(i, i.ok)",
        "size(name) > 3 ? name.startsWith('宽') : false", "{'a': [1, 2u, 3.0]}['a'][1] == 2",
        "timestamp('2024-01-01T00:00:00Z') + duration('1h') > timestamp('2024-01-01T00:30:00Z')",
        "[1, 2, 3].map(x, x * 9223372036854775807)", "int('12') / (count - count)",
        "b'\\xff' + bytes('中') == b''", "has(entity.phone) || -(-9223372036854775808) > 0",
    ]
    static let fragments = [
        "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "&&", "||",
        "==", "<", ">=", " in ", "'", "\"", "\\", "b'", "r'", "1", "0u", "1.5e308", "-9223372036854775808",
        "value", "entity", "items", "x", ".all(", ".map(", "has(", "size(", "int(", "dyn(", "null", "true",
        "中", "\u{0}", "\n", "0x", "e+", "'''", "duration('", "timestamp(",
    ]

    @Test func randomAndMutatedExpressionsNeverCrash() {
        var env = Environment()
        env.declare("value", .double)
        env.declare("certified", .bool)
        env.declare("entity", .map(.string, .dyn))
        env.declare("items", .list(.dyn))
        env.declare("name", .string)
        env.declare("count", .int)
        var activation = Activation(env)
        activation.bind("value", 9.5)
        activation.bind("certified", false)
        activation.bind("entity", .map(CELMap(strings: ["credit_grade": "C"])))
        activation.bind("items", [.map(CELMap(strings: ["ok": true]))])
        activation.bind("name", "宽城")
        activation.bind("count", 3)

        var rng = SplitMix(state: 20240612)
        var parsed = 0, diagnosed = 0
        for round in 0..<4000 {
            var text: String
            if round % 2 == 0 {
                // Mutate a valid expression: delete, duplicate or insert a fragment.
                var chars = Array(rng.pick(Self.seeds))
                for _ in 0..<(1 + Int(rng.next() % 3)) where !chars.isEmpty {
                    let at = Int(rng.next() % UInt64(chars.count))
                    switch rng.next() % 3 {
                    case 0: chars.remove(at: at)
                    case 1: chars.insert(contentsOf: Array(rng.pick(Self.fragments)), at: at)
                    default: chars.insert(chars[at], at: at)
                    }
                }
                text = String(chars)
            } else {
                text = (0..<(1 + Int(rng.next() % 12))).map { _ in rng.pick(Self.fragments) }.joined()
            }
            let scalarCount = text.unicodeScalars.count
            for checked in [true, false] {
                do {
                    let p = checked ? try env.compile(text) : try env.compileUnchecked(text)
                    parsed += 1
                    _ = p.evaluate(&activation)
                } catch {
                    diagnosed += 1
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                    #expect(error.position.line >= 1 && error.position.line <= lines, "\(text): \(error)")
                    #expect(error.position.column >= 1 && error.position.column <= scalarCount + 1, "\(text): \(error)")
                }
            }
        }
        // Both outcomes must actually occur, or the generator is not exercising anything.
        #expect(parsed > 200)
        #expect(diagnosed > 200)
    }
}
