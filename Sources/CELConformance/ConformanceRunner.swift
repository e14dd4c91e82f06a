import CEL

enum ConformanceRunner {
    /// Runs one case; nil when it passes, otherwise what went wrong.
    static func run(_ c: ConformanceCase) -> String? {
        var env = Environment(c.declarations)
        for name in c.bindings.keys.sorted() where env.slot(of: name) == nil { env.declare(name, .dyn) }
        let program: Program
        do {
            program = c.checked ? try env.compile(c.expr) : try env.compileUnchecked(c.expr)
        } catch {
            return "expected \(describe(c.expectation)), got \(error.stage.rawValue) error: \(error)"
        }
        let got = program.evaluate(c.bindings, in: env)
        switch c.expectation {
        case .error:
            return got.isError ? nil : "expected an evaluation error, got \(got)"
        case .value(let want):
            return same(want, got) ? nil : "expected \(want), got \(got)"
        }
    }

    static func describe(_ e: ConformanceCase.Expectation) -> String {
        switch e {
        case .error: return "an evaluation error"
        case .value(let v): return "\(v)"
        }
    }

    /// Strict structural equality: an int is not a uint, NaN matches NaN.
    static func same(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            return x.entries.allSatisfy { e in y[e.key].map { same(e.value, $0) } ?? false }
        default: return false
        }
    }
}
