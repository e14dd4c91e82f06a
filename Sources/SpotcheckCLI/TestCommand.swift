import ArgumentParser
import Rulebook

/// `spotcheck test [PATH...]`: run every checklist's examples.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every checklist's examples.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "Extra checklists to test with the repository's rules.")
    var paths: [String] = []

    func run() throws {
        let ws = try options.workspace(extra: paths)
        let outcomes = ws.runExamples()
        let zh = options.lang == .zh
        var failed = 0
        for o in outcomes {
            if o.passed {
                print("✓ \(o.checklist): \(o.example)")
            } else {
                failed += 1
                print("✗ \(o.checklist): \(o.example)  (\(o.place))")
                for p in o.problems { print("    " + p.text(options.lang)) }
            }
        }
        print(zh ? "\(outcomes.count - failed) passed, \(failed) failed" : "\(outcomes.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
