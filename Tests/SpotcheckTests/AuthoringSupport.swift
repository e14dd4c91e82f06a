import Testing
import Foundation
import Messages
import Rulebook

/// A rule author's mistake, made in a draft of one file of the repository,
/// and the single diagnostic it must give: where (file, line, column, all
/// 1-based, columns in characters) and what it says in each language.
struct AuthoringMistake: Sendable, CustomTestStringConvertible {
    var name: String
    /// The file the draft stands for, relative to the repository.
    var file: String
    var draft: String
    var line: Int
    var column: Int
    var zh: String
    var en: String

    var testDescription: String { name }
}

enum Authoring {
    static let root = BrokenFixtures.root

    /// Diagnostics the repository gives without any draft (warnings
    /// included): a mistake's diagnostics are those beyond these.
    static let baseline: Set<Diagnostic> = Set(Rulebook.load(root: root).1)

    /// Every diagnostic the draft adds to the repository's.
    static func diagnostics(_ draft: String, at file: String) -> [Diagnostic] {
        Rulebook.validateDraft(draft, at: file, root: root).filter { !baseline.contains($0) }
    }

    static func repositoryText(_ file: String) -> String {
        (try? String(contentsOfFile: root + "/" + file, encoding: .utf8)) ?? ""
    }

    /// The repository's file with `old` replaced by `new` (once; it must be there).
    static func edited(_ file: String, _ old: String, _ new: String) -> String {
        let text = repositoryText(file)
        precondition(text.contains(old), "\(file) does not contain \(old)")
        guard let r = text.range(of: old) else { return text }
        return text.replacingCharacters(in: r, with: new)
    }

    /// A small valid checklist; each line is numbered in the comment, so
    /// the positions in the cases can be checked by eye.
    static let checklistLines: [String] = [
        "checklist: education.authoring_case",                 // 1
        "version: \"1\"",                                       // 2
        "department: education",                                // 3
        "title: 编写练习",                                       // 4
        "items:",                                               // 5
        "  - id: missing_days",                                 // 6
        "    title: 缺少陪餐记录的天数",                           // 7
        "    answer: integer",                                  // 8
        "    unit: 天",                                          // 9
        "    range: [0, 31]",                                   // 10
        "    violation: \"value > 0\"",                         // 11
        "    severity: minor",                                  // 12
        "    domain: school_management",                        // 13
        "    finding: 部分供餐日无陪餐记录",                        // 14
        "    message: \"{value} 天无陪餐记录\"",                  // 15
        "  - id: canteen_mode",                                 // 16
        "    title: 食堂经营方式",                                // 17
        "    answer: choice",                                   // 18
        "    options: [自主经营, 承包经营]",                        // 19
        "    relevant: \"entity.kind == 'school'\"",            // 20
    ]
    static let checklistFile = "Checklists/education/authoring_case.yaml"

    /// The checklist with some lines replaced (by 1-based number).
    static func checklist(_ edits: [Int: String]) -> String {
        checklistLines.enumerated().map { edits[$0.offset + 1] ?? $0.element }.joined(separator: "\n") + "\n"
    }

    static func checklistCase(_ name: String, _ edits: [Int: String], _ line: Int, _ column: Int, zh: String, en: String) -> AuthoringMistake {
        AuthoringMistake(name: name, file: checklistFile, draft: checklist(edits), line: line, column: column, zh: zh, en: en)
    }

    static func repositoryCase(_ name: String, _ file: String, _ old: String, _ new: String, _ line: Int, _ column: Int,
                               zh: String, en: String) -> AuthoringMistake {
        AuthoringMistake(name: name, file: file, draft: edited(file, old, new), line: line, column: column, zh: zh, en: en)
    }
}
