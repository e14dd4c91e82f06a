import ArgumentParser
import Messages
import Rulebook

/// `spotcheck schema KIND`: the JSON Schema of a kind of rule file, for
/// editors (the same text as `docs/schemas/KIND.schema.json`).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a kind of rule file.",
        discussion: "Kinds: " + RuleFileKind.allCases.map(\.rawValue).joined(separator: ", ") + ".")

    @Argument(help: "The kind of rule file: \(RuleFileKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    @Option(help: "Language of the descriptions: zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        let kinds = RuleFileKind.allCases
        guard let k = RuleFileKind(rawValue: kind) ?? kinds.first(where: { $0.marker == kind }) else {
            let names = kinds.map(\.rawValue)
            let hint = Suggestion.closest(kind, in: names)
            throw ValidationError(lang == .zh
                ? "未知的规则文件类型“\(kind)”" + (hint.map { "（是否应为“\($0)”？）" } ?? "（可用：\(names.joined(separator: "、"))）")
                : "unknown kind of rule file '\(kind)'" + (hint.map { " (did you mean '\($0)'?)" } ?? " (one of \(names.joined(separator: ", ")))"))
        }
        print(JSONSchema.text(for: k, language: lang), terminator: "")
    }
}
