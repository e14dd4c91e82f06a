import ArgumentParser
import CEL
import Foundation

/// `spotcheck bench`: the figures SPEC.md §11 sets targets for. Run it in a
/// release build: `swift run -c release spotcheck bench`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure evaluation, loading and draw speed (use a release build)."
    )

    @Option(help: "Rounds per figure; the median is reported.")
    var rounds = 15

    @Option(help: "Run one group only: cel, compliance, check or draw.")
    var only: String?

    @Option(help: "Findings files in the whole-process check figure.")
    var checkFiles = 2000

    @Option(help: "Runs of the whole-process check figure; the median is reported.")
    var checkRuns = 5

    @Option(help: "The folder holding Rules/ and Checklists/.")
    var root: String = FileManager.default.currentDirectoryPath

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift run -c release spotcheck bench` for real figures")
        #endif
        if only == nil || only == "cel" {
            for m in try CELBench.run(rounds: rounds) { print(m.line) }
        }
        if only == nil || only == "compliance" {
            for m in try ComplianceBench.run(root: root, rounds: rounds) { print(m.line) }
        }
        if only == nil || only == "check" {
            for line in try CheckBench.run(root: root, rounds: checkRuns, files: checkFiles) { print(line) }
        }
        if only == nil || only == "draw" { for m in try DrawBench.run(rounds: rounds) { print(m.line) } }
    }
}

/// Figures for the expression engine alone.
enum CELBench {
    static func run(rounds: Int) throws -> [Measurement] {
        var env = Environment()
        env.declare("value", .double)
        env.declare("certified", .bool)
        env.declare("entity", .map(.string, .dyn))
        env.declare("items", .list(.map(.string, .dyn)))
        var results: [Measurement] = []

        let rule = "value > 8.0 && !certified"
        results.append(Benchmark(name: "CEL parse+check `\(rule)`", rounds: rounds, iterations: 2_000, target: "< 20 µs").run {
            (try? env.compile(rule)) == nil ? 0 : 1
        })

        var activation = Activation(env)
        activation.bind("value", .double(9.5))
        activation.bind("certified", .bool(false))
        activation.bind("entity", .map(CELMap(strings: ["credit_grade": .string("C"), "kind": .string("food_business")])))
        activation.bind("items", .list((0..<10).map { i in .map(CELMap(strings: ["ok": .bool(i != 11)])) }))

        let cases: [(String, String?)] = [
            (rule, "< 200 ns"),
            ("entity.credit_grade in ['C', 'D']", nil),
            ("items.all(i, i.ok)", nil),
        ]
        for (text, target) in cases {
            let program = try env.compile(text)
            results.append(Benchmark(name: "CEL evaluate `\(text)`", rounds: rounds, iterations: 200_000, target: target).run {
                if case .bool(true) = program.evaluate(&activation) { return 1 }
                return 0
            })
        }
        return results
    }
}
