import ArgumentParser
import Compliance
import Messages
import Rulebook
import Spotcheck

/// `spotcheck check FILE...`: evaluate findings (SPEC.md §7).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate findings files against their checklists.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var options: CommonOptions

    @Option(help: "Output format: text (default) or json.")
    var format: Format = .text

    @Option(help: "Entity directory (CSV), for findings that name the entity by id.")
    var entities: String?

    @Argument(help: "Findings files (YAML or JSON).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one findings file") }
        for f in files + [entities].compactMap({ $0 }) where !Output.fileExists(f) {
            throw ValidationError(options.lang == .zh ? "无法读取 \(f)" : "cannot read \(f)")
        }
    }

    func run() throws {
        let ws = try options.workspace()
        var lookup: FindingsLoader.EntityLookup?
        if let entities {
            let imported = try ws.importEntities(entities)
            Output.diagnostics(imported.diagnostics.map {
                Diagnostic(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity == .error ? .error : .warning,
                           LocalizedText(zh: $0.messageZH, en: $0.messageEN))
            }, options.lang)
            lookup = DirectoryData.lookup(imported.rows)
        }
        let results = ws.check(files, entities: lookup)
        var anyInvalid = false
        var json: [JSONValue] = []
        for r in results {
            Output.diagnostics(r.diagnostics, options.lang)
            guard let e = r.evaluation else {
                anyInvalid = true
                if format == .json { json.append(EvaluationOutput.refused(path: r.path, diagnostics: r.diagnostics, language: options.lang)) }
                continue
            }
            switch format {
            case .json: json.append(EvaluationOutput.json(e, rulebook: ws.rulebook, language: options.lang))
            case .text: print(EvaluationOutput.text(e, rulebook: ws.rulebook, language: options.lang) + "\n")
            }
        }
        if format == .json { print(JSONValue.array(json).serialized()) }
        if anyInvalid { throw ExitCode(1) }
    }
}
