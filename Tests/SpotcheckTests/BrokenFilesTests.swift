import Foundation
import Messages
import Rulebook
import Spotcheck
import Testing

// Broken rule and findings files (Fixtures/broken/**): each must be refused
// with a diagnostic that names the file, the line and the column of the
// offending token (1-based, columns in Unicode characters) and says what is
// wrong, in Chinese and in English (SPEC.md §4–§7, §10; docs/rule-files.md).
//
// Every position below was worked out by hand from the fixture, not copied
// from the loader's output. Where the loader is known to point elsewhere the
// case still asserts the right place (see the note on the case).

/// How a message must read.
enum ExpectedText: Sendable, CustomStringConvertible {
    /// Exactly this text.
    case exact(String)
    /// Starts with this text (the rest, e.g. a list of known ids, may vary).
    case prefix(String)
    /// Contains every one of `parts` and none of `excluding`.
    case parts([String], excluding: [String] = [])

    func matches(_ s: String) -> Bool {
        switch self {
        case .exact(let t): return s == t
        case .prefix(let t): return s.hasPrefix(t)
        case .parts(let all, let none): return all.allSatisfy(s.contains) && !none.contains(where: s.contains)
        }
    }

    var description: String {
        switch self {
        case .exact(let t): return "exactly \"\(t)\""
        case .prefix(let t): return "starting with \"\(t)\""
        case .parts(let all, let none): return "containing \(all)" + (none.isEmpty ? "" : " and none of \(none)")
        }
    }
}

struct BrokenFile: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable { case rules, findings }
    var kind: Kind
    /// Path under `Tests/SpotcheckTests/Fixtures/broken/`.
    var file: String
    var line: Int
    var column: Int
    var zh: ExpectedText
    var en: ExpectedText

    var testDescription: String { file }

    static func rules(_ file: String, _ line: Int, _ column: Int, zh: ExpectedText, en: ExpectedText) -> BrokenFile {
        BrokenFile(kind: .rules, file: file, line: line, column: column, zh: zh, en: en)
    }
    static func findings(_ file: String, _ line: Int, _ column: Int, zh: ExpectedText, en: ExpectedText) -> BrokenFile {
        BrokenFile(kind: .findings, file: "findings/" + file, line: line, column: column, zh: zh, en: en)
    }
}

enum BrokenFixtures {
    /// The package root, found from this file's path.
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func path(_ file: String) -> String { root + "/Tests/SpotcheckTests/Fixtures/broken/" + file }

    /// Errors the repository's own files give, if any: they are not the
    /// fixtures' errors and are left out when looking for a fixture's first error.
    static let baseline: Set<Diagnostic> = Set(Rulebook.load(root: root).1.filter { $0.severity == .error })

    /// The repository's workspace, for checking findings.
    static let workspace: (Workspace?, [Diagnostic]) = Workspace.load(root: root)

    static func cel(_ zhWhat: String, _ enWhat: String, syntax: Bool = true, _ zhProblem: String, _ enProblem: String) -> (ExpectedText, ExpectedText) {
        // An unknown name is a reference error, not a type error.
        let reference = enProblem.hasPrefix("unknown name")
        let zhKind = syntax ? "语法错误" : (reference ? "名称错误" : "类型错误")
        let enKind = syntax ? "syntax error" : (reference ? "reference error" : "type error")
        return (.exact("\(zhWhat)的 CEL 表达式\(zhKind)：\(zhProblem)"), .exact("CEL \(enKind) in \(enWhat): \(enProblem)"))
    }

    static func celSyntax(_ file: String, _ line: Int, _ column: Int, item: String, token: String) -> BrokenFile {
        // The same operator twice: the operand between them is missing.
        let (zh, en) = cel("事项“\(item)”", "item '\(item)'", "“\(token)”和“\(token)”之间缺少内容", "something is missing between '\(token)' and '\(token)'")
        return .rules("checklists/" + file, line, column, zh: zh, en: en)
    }

    static func checklist(_ file: String, _ line: Int, _ column: Int, zh: ExpectedText, en: ExpectedText) -> BrokenFile {
        .rules("checklists/" + file, line, column, zh: zh, en: en)
    }

    static func rule(_ file: String, _ line: Int, _ column: Int, zh: ExpectedText, en: ExpectedText) -> BrokenFile {
        .rules("rules/" + file, line, column, zh: zh, en: en)
    }

    static let cases: [BrokenFile] = checklistCases + celCases + ruleCases + findingsCases

    // MARK: checklists: YAML and schema

    static let checklistCases: [BrokenFile] = [
        // `   answer:` is indented by 3 instead of 4: libyaml stops at the key.
        // The Chinese message must be Chinese, not libyaml's English text.
        checklist("yaml_bad_indentation.yaml", 9, 4,
                  zh: .parts(["YAML 语法错误"], excluding: ["did not find", "while parsing"]),
                  en: .exact("YAML syntax error: did not find expected '-' indicator (while parsing a block collection)")),
        // The `[` opened on line 10 is never closed: point at it, not at the
        // next line where libyaml gives up (the loader reports 11:13).
        checklist("yaml_unclosed_bracket.yaml", 10, 14,
                  zh: .parts(["YAML 语法错误", "]"], excluding: ["did not find", "while parsing"]),
                  en: .parts(["YAML syntax error", "]"])),
        // The second `title` (line 10) is the duplicate, not the first (line 8).
        checklist("duplicate_key.yaml", 10, 5,
                  zh: .exact("映射中有重复的键：title"),
                  en: .exact("duplicate keys in a mapping: title")),
        checklist("unknown_top_key.yaml", 6, 1,
                  zh: .exact("检查事项清单中不认识的键“owner”"),
                  en: .exact("unknown key 'owner' in a checklist")),
        checklist("unknown_item_key.yaml", 11, 5,
                  zh: .exact("检查事项中不认识的键“severty”（是否应为“severity”？）"),
                  en: .exact("unknown key 'severty' in a check item (did you mean 'severity'?)")),
        checklist("title_as_list.yaml", 8, 12,
                  zh: .exact("“title”应为文本，实为列表"),
                  en: .exact("'title' must be text, not a list")),
        checklist("required_as_string.yaml", 10, 15,
                  zh: .exact("“required”应为 true 或 false，实为“no”（是否应为“false”？）"),
                  en: .exact("'required' must be true or false, not 'no' (did you mean 'false'?)")),
        // A missing key is reported at the start of the item that lacks it.
        checklist("missing_answer.yaml", 10, 5,
                  zh: .exact("缺少必填的键“answer”"),
                  en: .exact("missing required key 'answer'")),
        checklist("missing_id.yaml", 10, 5,
                  zh: .exact("缺少必填的键“id”"),
                  en: .exact("missing required key 'id'")),
        checklist("invalid_id.yaml", 7, 9,
                  zh: .exact("标识“GasAlarm”不合规则：应由小写字母开头，只含小写字母、数字和下划线"),
                  en: .exact("id 'GasAlarm' is not valid: it must match [a-z][a-z0-9_]*")),
        checklist("duplicate_item_id.yaml", 13, 9,
                  zh: .exact("标识“gas_alarm”重复（首次出现于第 7 行）"),
                  en: .exact("duplicate id 'gas_alarm' (first used on line 7)")),
        checklist("reserved_id.yaml", 7, 9,
                  zh: .exact("“value”是表达式中的保留名称，不能作事项标识"),
                  en: .exact("'value' is reserved in expressions and cannot be an item id")),
        checklist("unknown_answer_type.yaml", 9, 13,
                  zh: .exact("答案类型应为 yes_no、number、integer、text、choice、date 或 photo，实为“boolean”（是否应为“yes_no”？）"),
                  en: .exact("answer must be yes_no, number, integer, text, choice, date or photo, not 'boolean' (did you mean 'yes_no'?)")),
        checklist("choice_without_options.yaml", 7, 9,
                  zh: .exact("choice 类型的事项“canteen_mode”缺少 options"),
                  en: .exact("choice item 'canteen_mode' has no options")),
        checklist("options_on_yes_no.yaml", 10, 5,
                  zh: .exact("只有 choice 类型的事项才有 options"),
                  en: .exact("only choice items take options")),
        checklist("range_on_yes_no.yaml", 10, 5,
                  zh: .exact("只有数值事项才有 range"),
                  en: .exact("only number and integer items take a range")),
        // The value `[30, -30]` is wrong, not the key; and the message should
        // say that the minimum exceeds the maximum (the loader reports 11:5
        // "range must be [min, max]", which reads like a shape error).
        checklist("range_min_gt_max.yaml", 11, 12,
                  zh: .parts(["range", "最小值", "-30"]),
                  en: .parts(["range", "min", "-30"])),
        checklist("expect_wrong_type.yaml", 10, 13,
                  zh: .exact("expect 的值 是 与答案类型 yes_no 不符（是否应为“true”？）"),
                  en: .exact("expect value 是 does not fit answer type yes_no (did you mean 'true'?)")),
        checklist("expect_with_violation.yaml", 11, 13,
                  zh: .exact("expect 与 violation 只能取其一"),
                  en: .exact("'expect' and 'violation' exclude each other")),
        // `{temp}` starts at column 20 inside the quoted message (the loader
        // points at the opening quote, 11:14).
        checklist("message_placeholder.yaml", 11, 20,
                  zh: .exact("消息模板中的“{temp}”不是本清单的事项"),
                  en: .exact("'{temp}' in the message is not an item of this checklist")),
        checklist("violated_without_severity.yaml", 7, 9,
                  zh: .exact("可判定违规的事项“gas_alarm”缺少“severity”"),
                  en: .exact("item 'gas_alarm' can be violated but has no 'severity'")),
        checklist("unknown_severity.yaml", 11, 15,
                  zh: .exact("严重程度应为 minor、general 或 serious，实为“high”（是否应为“serious”？）"),
                  en: .exact("severity must be minor, general or serious, not 'high' (did you mean 'serious'?)")),
        // The offending token is `department: transport` (line 4), not the
        // checklist id on line 2 where the loader points.
        checklist("unknown_department.yaml", 4, 13,
                  zh: .prefix("清单所属部门“transport”未在 departments.yaml 中声明"),
                  en: .prefix("department 'transport' is not declared in departments.yaml")),
        checklist("id_not_prefixed.yaml", 2, 12,
                  zh: .exact("清单标识“fire.broken_prefix”应以所属部门“education”开头"),
                  en: .exact("checklist id 'fire.broken_prefix' must start with its department 'education'")),
        // The offending token is `domain: food_safty` (line 12), not the
        // item's id on line 7 where the loader points.
        checklist("unknown_domain.yaml", 12, 13,
                  zh: .prefix("事项“fridge_temp”的职责领域“food_safty”不属于任何部门"),
                  en: .prefix("domain 'food_safty' of item 'fridge_temp' belongs to no department")),
    ]

    // MARK: checklists: CEL, positions inside YAML scalars of every style

    static let celCases: [BrokenFile] = [
        // Plain scalar: expression column 9 + scalar start 16 - 1.
        celSyntax("cel_syntax_plain.yaml", 10, 24, item: "fridge_temp", token: ">"),
        // Double-quoted scalar: expression column 23 + quote 16.
        celSyntax("cel_syntax_quoted.yaml", 16, 39, item: "sample_retention", token: "||"),
        // Columns count characters, not UTF-8 bytes: the `&&` after '承包经营'.
        celSyntax("cel_syntax_after_chinese.yaml", 11, 36, item: "canteen_mode", token: "&&"),
        // `\"` is two characters in the file but one in the expression: the
        // second `||` is at file column 38 (the loader says 36).
        celSyntax("cel_double_quoted_escape.yaml", 11, 38, item: "canteen_mode", token: "||"),
        // `''` likewise (the loader says 36).
        celSyntax("cel_single_quoted_escape.yaml", 11, 38, item: "canteen_mode", token: "||"),
        // Literal block scalar: the text starts on the line after `|`, indented
        // by 6; the second `<` is on line 12, column 17 (the loader says 11:11).
        celSyntax("cel_block_scalar.yaml", 12, 17, item: "fridge_temp", token: "<"),
        // Folded block scalar: the second `||` opens line 13 (the loader says 11:35).
        celSyntax("cel_folded_scalar.yaml", 13, 7, item: "canteen_mode", token: "||"),
        // Plain scalar over two lines: the second `||` is on line 12, column 10
        // (the loader says 11:35, past the end of line 11).
        celSyntax("cel_plain_multiline.yaml", 12, 10, item: "canteen_mode", token: "||"),
        { let (zh, en) = cel("事项“gas_alarm”", "item 'gas_alarm'", syntax: false, "不认识的名称“uses_gass”（是否应为“uses_gas”？）", "unknown name 'uses_gass' (did you mean 'uses_gas'?)")
          return checklist("cel_unknown_item.yaml", 12, 16, zh: zh, en: en) }(),
        // `'a' + 1`: the `+` at column 21.
        { let (zh, en) = cel("事项“gas_alarm”", "item 'gas_alarm'", syntax: false,
                              "不能把文字与数字相加（数字转为文字请用 string(…)）", "cannot add text and a number (turn a number into text with string(…))")
          return checklist("cel_type_error.yaml", 10, 21, zh: zh, en: en) }(),
        // `students + 1` is an int: reported at its operator. The Chinese must
        // not be half English ("表达式的类型为 int but bool，应为该类型").
        checklist("relevant_not_bool.yaml", 12, 24,
                  zh: .exact("事项“gas_alarm”的 CEL 表达式类型错误：条件应得出是/否（true 或 false），此处得出数字（是否少了比较，如 > 0？）"),
                  en: .exact("CEL type error in item 'gas_alarm': a condition must give true or false, but this gives a number (is a comparison such as '> 0' missing?)")),
    ]

    // MARK: plans, routing, results

    static let ruleCases: [BrokenFile] = [
        rule("plan_rate.yaml", 8, 16,
             zh: .exact("抽取比例应在 0 至 1 之间，实为 1.5"),
             en: .exact("a rate must be between 0 and 1, not 1.5")),
        // fire.school_kitchen_fire_safety listed under education (line 12,
        // column 41); the same id listed again under fire on line 13 is fine
        // (the loader points there, 13:10).
        rule("plan_checklist_other_department.yaml", 12, 41,
             zh: .exact("清单“fire.school_kitchen_fire_safety”属于“fire”，不属于“education”"),
             en: .exact("checklist 'fire.school_kitchen_fire_safety' belongs to 'fire', not 'education'")),
        rule("plan_undeclared_department.yaml", 5, 26,
             zh: .exact("计划中的部门“transport”未声明"),
             en: .exact("department 'transport' of the plan is not declared")),
        // The second `education` (column 32) is the repeat.
        rule("plan_duplicate_department.yaml", 5, 32,
             zh: .exact("计划中的部门“education”重复列出"),
             en: .exact("department 'education' is listed twice in the plan")),
        rule("plan_lead_not_member.yaml", 4, 7,
             zh: .exact("牵头部门“health”不在参与部门之中"),
             en: .exact("lead department 'health' is not among the plan's departments")),
        rule("plan_per_team.yaml", 10, 13,
             zh: .exact("实地核查时检查人员不少于2人，per_team 应在 2 至 50 之间"),
             en: .exact("on-site checks need at least 2 inspectors: per_team must be 2 to 50")),
        rule("routing_unknown_target.yaml", 5, 9,
             zh: .exact("移送去向“police”不是已声明的部门或机关"),
             en: .exact("route target 'police' is not a declared department or authority")),
        rule("routing_unknown_kind.yaml", 6, 11,
             zh: .exact("移送类型应为 transfer、judicial、credit_record 或 rectification_followup，实为“referral”（是否应为“transfer”？）"),
             en: .exact("route kind must be transfer, judicial, credit_record or rectification_followup, not 'referral' (did you mean 'transfer'?)")),
        // `size(violations)` is an int: reported at `size` (column 12).
        rule("results_when_not_bool.yaml", 5, 12,
             zh: .exact("结果类别“no_problem”的 CEL 表达式类型错误：条件应得出是/否（true 或 false），此处得出数字（是否少了比较，如 > 0？）"),
             en: .exact("CEL type error in result 'no_problem': a condition must give true or false, but this gives a number (is a comparison such as '> 0' missing?)")),
    ]

    // MARK: findings (checked against education.school_canteen)

    static let findingsCases: [BrokenFile] = [
        .findings("unknown_item.yaml", 10, 3,
                  zh: .exact("清单“education.school_canteen”中没有事项“staf_training”（是否应为“staff_training”？）"),
                  en: .exact("checklist 'education.school_canteen' has no item 'staf_training' (did you mean 'staff_training'?)")),
        // The hint must be the nearest id (one letter away), not the first id
        // that is a prefix of the answer (the loader suggests 'campus_shop').
        .findings("unknown_item_nearest_hint.yaml", 10, 3,
                  zh: .exact("清单“education.school_canteen”中没有事项“campus_shop_license”（是否应为“campus_shop_licensed”？）"),
                  en: .exact("checklist 'education.school_canteen' has no item 'campus_shop_license' (did you mean 'campus_shop_licensed'?)")),
        .findings("answer_wrong_type.yaml", 10, 29,
                  zh: .exact("事项“safety_rules_established”的答案应为是/否（true 或 false），实为文本“是”"),
                  en: .exact("the answer to 'safety_rules_established' must be true or false, not text '是'")),
        .findings("number_out_of_range.yaml", 10, 27,
                  zh: .exact("事项“accompany_missing_days”的答案 40天 超出取值范围 [0, 31]"),
                  en: .exact("the answer to 'accompany_missing_days', 40天, is outside its range [0, 31]")),
        .findings("choice_not_in_options.yaml", 10, 22,
                  zh: .exact("事项“canteen_operation”的答案应为选项之一（自主经营、承包经营、委托经营），实为文本“外包”"),
                  en: .exact("the answer to 'canteen_operation' must be one of 自主经营, 承包经营, 委托经营, not text '外包'")),
        .findings("computed_answered.yaml", 11, 3,
                  zh: .exact("“contracted_out”由规则计算得出，不能直接作答"),
                  en: .exact("'contracted_out' is computed by the checklist and cannot be answered")),
        // The message goes on with the known checklists, which change.
        .findings("unknown_checklist.yaml", 5, 12,
                  zh: .prefix("未知的检查事项清单“education.canteen”"),
                  en: .prefix("unknown checklist 'education.canteen'")),
        .findings("department_mismatch.yaml", 4, 13,
                  zh: .exact("清单“education.school_canteen”属于“education”，不能由“fire”填报"),
                  en: .exact("checklist 'education.school_canteen' belongs to 'education' and cannot be filed by 'fire'")),
        // No `entity` at all: reported where the document starts (line 2, after the comment).
        .findings("missing_entity.yaml", 2, 1,
                  zh: .exact("缺少必填的键“entity”"),
                  en: .exact("missing required key 'entity'")),
    ]
}

@Suite("Broken rule and findings files")
struct BrokenFilesTests {
    @Test("every broken file is refused at the offending token", arguments: BrokenFixtures.cases)
    func firstError(_ c: BrokenFile) throws {
        let path = BrokenFixtures.path(c.file)
        #expect(FileManager.default.fileExists(atPath: path), "fixture \(c.file) is missing")
        let first: Diagnostic?
        switch c.kind {
        case .rules:
            let root = BrokenFixtures.root
            let (_, diagnostics) = Rulebook.load(paths: [root + "/Rules", root + "/Checklists", path])
            first = diagnostics.first { $0.severity == .error && !BrokenFixtures.baseline.contains($0) }
        case .findings:
            let (ws, loadDiagnostics) = BrokenFixtures.workspace
            let workspace = try #require(ws, "the repository does not load: \(loadDiagnostics.map { $0.formatted(.en) })")
            let result = try #require(workspace.check([path], entities: nil).first)
            #expect(result.evaluation == nil, "a findings file that does not fit its checklist must not be evaluated")
            first = result.diagnostics.first { $0.severity == .error }
        }
        let d = try #require(first, "\(c.file) loads without an error")
        let got = "\(d.path):\(d.line):\(d.column)"
        #expect(d.path == path, "file: \(got)")
        #expect(d.line == c.line && d.column == c.column,
                "\(c.file): expected \(c.line):\(c.column), got \(d.line):\(d.column) — \(d.message.en)")
        #expect(c.zh.matches(d.message.zh), "\(c.file): zh message should be \(c.zh), got \"\(d.message.zh)\"")
        #expect(c.en.matches(d.message.en), "\(c.file): en message should be \(c.en), got \"\(d.message.en)\"")
    }

    @Test("there are enough cases, each with its own fixture, and no fixture is left untested")
    func coverage() throws {
        let cases = BrokenFixtures.cases
        #expect(cases.count >= 32)
        #expect(Set(cases.map(\.file)).count == cases.count, "a fixture is used twice")
        let dir = BrokenFixtures.path("")
        let all = (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("multi/") }
        #expect(Set(all) == Set(cases.map(\.file)), "fixtures without a case: \(Set(all).subtracting(cases.map(\.file)).sorted())")
    }

    /// A checklist with six independent mistakes: a load reports each of them,
    /// not only the first.
    static let severalMistakes = "multi/several_mistakes.yaml"
    static let severalMistakesLines: Set<Int> = [
        10,   // expect: 是 on a yes_no item
        11,   // severity: high
        14,   // id: Staff
        20,   // range: [30, -30]
        21,   // violation: "value > > 8.0"
        24,   // unknown key colour
    ]

    @Test("the loader reports every error of a file with several mistakes")
    func allErrorsFromTheLoader() {
        let root = BrokenFixtures.root
        let path = BrokenFixtures.path(Self.severalMistakes)
        let (_, diagnostics) = Rulebook.load(paths: [root + "/Rules", root + "/Checklists", path])
        let errors = diagnostics.filter { $0.severity == .error && $0.path == path }
        #expect(errors.count == 6, "\(errors.map { $0.formatted(.en) })")
        #expect(Set(errors.map(\.line)) == Self.severalMistakesLines)
    }

    @Test("spotcheck validate prints every error of a file with several mistakes and exits 1")
    func allErrorsFromTheCommand() throws {
        let root = BrokenFixtures.root
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("spotcheck").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("spotcheck").path,
            root + "/.build/debug/spotcheck",
        ]
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "the spotcheck executable is not built (looked at \(candidates))")
        let path = BrokenFixtures.path(Self.severalMistakes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["validate", "--root", root, "--lang", "en", path]
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = out
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let lines = stderr.split(separator: "\n").filter { $0.hasPrefix(path + ":") && $0.contains(": error: ") }
        #expect(lines.count == 6, "\(stderr)")
        let reported = Set(lines.compactMap { Int($0.dropFirst(path.count + 1).prefix { $0 != ":" }) })
        #expect(reported == Self.severalMistakesLines, "\(stderr)")
    }
}
