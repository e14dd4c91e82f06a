import ArgumentParser
import Draw
import Foundation
import Rulebook
import Spotcheck
import Store
import Messages

/// `spotcheck draw PLAN …` and `spotcheck draw verify CERT …` (SPEC.md §8, §10).
///
/// The arguments are parsed here rather than by the root command so that
/// every usage error (a missing option, an unknown one, both seeds or none)
/// exits with status 2 as SPEC.md §10 requires.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw entities and inspectors for a plan; write the certificate, report and task forms.",
        discussion: """
            spotcheck draw PLAN --entities CSV --inspectors CSV (--seed-numbers "1 2 3" [--seed-numbers 42 …] | --seed-string TEXT) [--out DIR] [--lang zh|en] [--root DIR]
            spotcheck draw PLAN --store STORE (--seed-numbers … | --seed-string TEXT) [--on DATE] [--out DIR] [--no-forms] [--by NAME]
            spotcheck draw verify CERT --entities CSV --inspectors CSV [--plan FILE] [--seed-numbers … | --seed-string …] [--lang zh|en] [--root DIR]

            PLAN is a plan id (Rules/plans/) or the path of a plan file. Wrong usage exits 2; \
            a draw that cannot be done, or a verification that finds differences, exits 1.
            """)

    @Argument(parsing: .captureForPassthrough, help: "PLAN and options, or verify CERT and options (see below).")
    var arguments: [String] = []

    func run() throws {
        if arguments.first == "verify" {
            let options: DrawVerifyArguments = try parseOrExit(Array(arguments.dropFirst()))
            try options.run()
        } else {
            let options: DrawRunArguments = try parseOrExit(arguments)
            try options.run()
        }
    }

    /// Parses `args`; prints help and exits 0 when asked for it, prints the
    /// usage error and exits 2 otherwise.
    private func parseOrExit<A: DrawArguments>(_ args: [String]) throws -> A {
        do {
            let parsed = try A.parse(args)
            try parsed.check()
            return parsed
        } catch {
            if A.exitCode(for: error) == .success {
                print(A.helpMessage(columns: nil))
                throw ExitCode.success
            }
            var message = A.message(for: error)
            if message.isEmpty { message = "\(error)" }
            FileHandle.standardError.write(Data("Error: \(message)\nUsage: \(A.usage)\n".utf8))
            throw ExitCode(2)
        }
    }
}

protocol DrawArguments: ParsableCommand {
    static var usage: String { get }
    /// Usage checks beyond what the parser does; throws `ValidationError`.
    func check() throws
}

/// The seed options shared by `draw` and `draw verify`.
struct SeedOptions: ParsableArguments {
    @Option(name: .customLong("seed-numbers"),
            help: "A randomness source (RFC 3797): numbers separated by spaces or commas. Repeat for each source, in order.")
    var numbers: [String] = []

    @Option(name: .customLong("seed-string"), help: "A seed string announced in advance, used as the key as it is.")
    var string: String?

    var given: Bool { !numbers.isEmpty || string != nil }

    func check() throws {
        if !numbers.isEmpty && string != nil {
            throw ValidationError("give --seed-numbers or --seed-string, not both")
        }
        for (index, source) in numbers.enumerated() {
            let parts = KeyString.splitSource(source)
            guard !parts.isEmpty else { throw ValidationError("--seed-numbers \(index + 1) holds no number") }
            for part in parts where DecimalNumeral(part) == nil {
                throw ValidationError("--seed-numbers \(index + 1): \"\(part)\" is not a non-negative decimal integer")
            }
        }
        if let string, string.isEmpty { throw ValidationError("--seed-string is empty") }
    }

    var seed: Seed? {
        if let string { return .announced(string) }
        return numbers.isEmpty ? nil : .numbers(numbers.map(KeyString.splitSource))
    }
}

struct DrawRunArguments: DrawArguments {
    static let configuration = CommandConfiguration(commandName: "spotcheck draw")
    static let usage = "spotcheck draw PLAN (--entities CSV --inspectors CSV | --store STORE) (--seed-numbers \"1 2 3\" … | --seed-string TEXT) [--on DATE] [--out DIR] [--no-forms] [--lang zh|en] [--root DIR]"

    @Argument(help: "A plan id (Rules/plans/) or the path of a plan file.")
    var plan: String

    @Option(help: "The entity directory (CSV).")
    var entities: String?

    @Option(help: "The inspector directory (CSV).")
    var inspectors: String?

    @Option(help: "Draw from this store's directories and record the draw and its tasks there: a SQLite file or a postgresql:// URL.")
    var store: String?

    @Option(help: "With --store: the day of the draw (default: today).")
    var on: String?

    @Option(help: "With --store: who records the draw (default: the system user).")
    var by: String?

    @OptionGroup var seedOptions: SeedOptions

    @Option(help: "The folder to write certificate.json, report.txt, index.html and tasks/ to (default: draw-<plan id>).")
    var out: String?

    @Flag(name: .customLong("no-forms"),
          help: "Write no forms and findings templates per task (tasks/): for draws of thousands of tasks, whose forms are printed from the store later.")
    var noForms = false

    @OptionGroup var common: CommonOptions

    func check() throws {
        try seedOptions.check()
        guard seedOptions.given else { throw ValidationError("give the seed: --seed-numbers … or --seed-string …") }
        if store == nil, entities == nil || inspectors == nil {
            throw ValidationError("give --entities and --inspectors, or --store")
        }
        if store != nil, entities != nil || inspectors != nil {
            throw ValidationError("with --store the directories come from the store: leave out --entities and --inspectors")
        }
        let planIsPath = plan.contains("/") || plan.hasSuffix(".yaml") || plan.hasSuffix(".yml")
        let storeFile = store.flatMap { Store.isURL($0) ? nil : $0 }
        for path in [entities, inspectors, storeFile].compactMap({ $0 }) + (planIsPath ? [plan] : []) where !Output.fileExists(path) {
            throw ValidationError(common.lang == .zh ? "无法读取 \(path)" : "cannot read \(path)")
        }
    }

    func run() throws {
        let lang = common.lang
        let (workspace, plan, diagnostics) = PlanDraw.loadWorkspace(root: common.root, plan: self.plan)
        Output.diagnostics(diagnostics, lang)
        // A plan id that names no plan is wrong usage; a broken rulebook is not.
        guard let workspace, let plan else { throw ExitCode(workspace != nil ? 2 : 1) }
        let outcome: PlanDrawOutcome
        if let store {
            outcome = try drawFromStore(store, plan: plan, workspace: workspace)
        } else {
            let request = PlanDrawRequest(entitiesPath: entities!, inspectorsPath: inspectors!, seed: seedOptions.seed!)
            do {
                outcome = try PlanDraw.run(request, plan: plan, in: workspace)
            } catch {
                Output.diagnostics(error.diagnostics, lang)
                throw ExitCode(1)
            }
        }
        Output.diagnostics(outcome.warnings, lang)
        let folder = out ?? "draw-\(plan.id)"
        let report = PlanDrawReport.text(outcome, rulebook: workspace.rulebook, language: lang)
        do {
            try PlanDrawOutput.write(outcome, rulebook: workspace.rulebook, to: folder, language: lang, forms: !noForms, report: report)
        } catch {
            Output.fail(Place(path: folder, line: 1, column: 1), LocalizedText(zh: "无法写入该目录", en: "cannot write to this folder"), lang, code: 2)
        }
        print(report, terminator: "")
        print(lang == .zh
              ? "\n已写入 \(folder)/certificate.json、\(folder)/report.txt、\(folder)/index.html" + (noForms ? "（\(outcome.tasks.count) 个任务，未写表单）" : " 及 \(outcome.tasks.count) 个任务（\(folder)/tasks/）")
              : "\nWrote \(folder)/certificate.json, \(folder)/report.txt, \(folder)/index.html" + (noForms ? " (\(outcome.tasks.count) tasks, no forms)" : " and \(outcome.tasks.count) tasks (\(folder)/tasks/)"))
    }
}

extension DrawRunArguments {
    /// Draws from the store's directories and records the draw, its plan version and tasks.
    func drawFromStore(_ location: String, plan: Plan, workspace: Workspace) throws -> PlanDrawOutcome {
        let lang = common.lang
        let s: Store
        do { s = try Store.open(location, mode: .open) } catch {
            Output.fail(.store(location), error.message, lang, code: 1)
        }
        let office: CountyOffice
        do { office = try CountyOffice(workspace: workspace, store: s, jurisdiction: plan.jurisdiction) } catch {
            Output.diagnostics(error.diagnostics, lang)
            throw ExitCode(1)
        }
        let day = try parseDay(on, lang)
        let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return try lifecycle(lang) { () throws(LifecycleError) in
            try office.draw(plan: plan.id, seed: seedOptions.seed!, on: day, by: "spotcheck draw (\(who))")
        }
    }
}

struct DrawVerifyArguments: DrawArguments {
    static let configuration = CommandConfiguration(commandName: "spotcheck draw verify")
    static let usage = "spotcheck draw verify CERT --entities CSV --inspectors CSV [--plan FILE] [--seed-numbers … | --seed-string …] [--lang zh|en] [--root DIR]"

    @Argument(help: "The certificate (certificate.json) to verify.")
    var certificate: String

    @Option(help: "The entity directory (CSV).")
    var entities: String

    @Option(help: "The inspector directory (CSV).")
    var inspectors: String

    @Option(help: "The plan file (default: the plan the certificate names, from Rules/plans/).")
    var plan: String?

    @OptionGroup(title: "The seed as announced (optional: checked against the certificate's)")
    var seedOptions: SeedOptions

    @OptionGroup var common: CommonOptions

    func check() throws {
        try seedOptions.check()
        for path in [certificate, entities, inspectors] + [plan].compactMap({ $0 }) where !Output.fileExists(path) {
            throw ValidationError(common.lang == .zh ? "无法读取 \(path)" : "cannot read \(path)")
        }
    }

    func run() throws {
        let lang = common.lang
        let file: DrawCertificateFile
        do {
            file = try DrawCertificateFile.decode(from: try Data(contentsOf: URL(fileURLWithPath: certificate)))
        } catch {
            // The file was read: what it holds is invalid input (exit 1), not a usage error.
            Output.fail(Place(path: certificate, line: 1, column: 1),
                        LocalizedText(zh: "不是有效的抽取证书（JSON 格式或字段不符）", en: "not a valid draw certificate (its JSON or fields do not fit)"), lang, code: 1)
        }
        // The plan: the file the verifier names, or the plan id the certificate names,
        // looked up in the rule files — a path written in a certificate is never opened.
        let workspace: Workspace?, loaded: Plan?, diagnostics: [Diagnostic]
        if let plan {
            (workspace, loaded, diagnostics) = PlanDraw.loadWorkspace(root: common.root, plan: plan)
        } else {
            guard let id = file.certificate.metadata["plan"], SafeName.isValid(id) else {
                Output.fail(Place(path: certificate, line: 1, column: 1),
                            LocalizedText(zh: "证书未记载有效的计划 id，请用 --plan 指定计划文件", en: "the certificate names no valid plan id: give --plan FILE"), lang, code: 1)
            }
            (workspace, loaded, diagnostics) = PlanDraw.loadWorkspace(root: common.root, planID: id)
        }
        Output.diagnostics(diagnostics, lang)
        guard let workspace, let loaded else { throw ExitCode(1) }
        let result = DrawCertificateVerifier.verify(file, plan: loaded, in: workspace, entitiesPath: entities,
                                                    inspectorsPath: inspectors, announcedSeed: seedOptions.seed)
        if result.ok {
            print(lang == .zh
                  ? "OK：按证书重算的抽取结果与证书一致（\(file.certificate.selected.count) 个对象，计划 \(loaded.id)）"
                  : "OK: re-running the draw reproduces the certificate (\(file.certificate.selected.count) entities, plan \(loaded.id))")
            return
        }
        print(lang == .zh ? "不一致（\(result.differences.count) 处）：" : "MISMATCH (\(result.differences.count) differences):")
        for note in result.texts(lang) { print("- " + note) }
        throw ExitCode(1)
    }
}
