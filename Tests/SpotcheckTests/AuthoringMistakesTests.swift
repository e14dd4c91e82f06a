import Foundation
import Messages
import Directories
import Rulebook
import Testing

// Issue 14: a rule author's mistakes, one per case, each made in a draft of
// a file of the repository (or a small checklist, `Authoring.checklistLines`).
// Each must give exactly one diagnostic, at the line and column worked out
// by hand from the draft, saying in each language what is wrong and how to
// fix it, in that language only.

enum AuthoringCases {
    static let plan = "Rules/plans/2023-changli-halal-food.yaml"
    static let routing = "Rules/routing.yaml"

    // MARK: 1. Expressions are checked against the declared fields.

    static let typedContext: [AuthoringMistake] = [
        // `relevant: "` ends at column 15; the field name starts 7 after `entity`.
        Authoring.checklistCase("misspelt entity column", [20: "    relevant: \"entity.boardng\""], 20, 23,
            zh: "事项“canteen_mode”的 CEL 表达式名称错误：检查对象名录（Rules/directories.yaml 的 entities）中没有“boardng”列（是否应为“boarding”？）",
            en: "CEL reference error in item 'canteen_mode': the entity directory (entities in Rules/directories.yaml) has no column 'boardng' (did you mean 'boarding'?)"),
        Authoring.checklistCase("an int column compared with text", [20: "    relevant: \"entity.students > '3'\""], 20, 32,
            zh: "事项“canteen_mode”的 CEL 表达式类型错误：不能比较数字与文字（'3' 加了引号就是文字；比较数字请去掉引号：3）",
            en: "CEL type error in item 'canteen_mode': cannot compare a number with text ('3' in quotes is text; to compare numbers drop the quotes: 3)"),
        Authoring.checklistCase("a date column compared with text", [20: "    relevant: \"entity.registered_on < '2022-01-01'\""], 20, 37,
            zh: "事项“canteen_mode”的 CEL 表达式类型错误：不能比较日期与文字（日期请写成 timestamp('2022-01-01T00:00:00Z')）",
            en: "CEL type error in item 'canteen_mode': cannot compare a date with text (write a date as timestamp('2022-01-01T00:00:00Z'))"),
        Authoring.repositoryCase("a list column compared with ==", plan, "avoid: \"entity.id in inspector.avoid\"",
                                 "avoid: \"inspector.avoid == entity.id\"", 24, 27,
            zh: "回避规则（avoid）的 CEL 表达式类型错误：不能比较文字的列表与文字（判断是否为其中之一请用 in）",
            en: "CEL type error in the avoid rule: cannot compare a list of text with text (to test for one of several, use 'in')"),
        Authoring.repositoryCase("misspelt inspector column", plan, "inspector.active &&", "inspector.activ &&", 23, 20,
            zh: "检查人员范围（pool）的 CEL 表达式名称错误：检查人员名录（Rules/directories.yaml 的 inspectors）中没有“activ”列（是否应为“active”？）",
            en: "CEL reference error in the inspector pool: the inspector directory (inspectors in Rules/directories.yaml) has no column 'activ' (did you mean 'active'?)"),
        Authoring.repositoryCase("misspelt plan field", plan, "avoid: \"entity.id in inspector.avoid\"",
                                 "avoid: \"entity.id in inspector.avoid && plan.windw.from < entity.registered_on\"", 24, 48,
            zh: "回避规则（avoid）的 CEL 表达式名称错误：计划（plan）没有“windw”这一项（是否应为“window”？）",
            en: "CEL reference error in the avoid rule: the plan has no field 'windw' (did you mean 'window'?)"),
        Authoring.repositoryCase("misspelt inspection field", routing, "violation.competent != inspection.department",
                                 "violation.competent != inspection.departmnt", 27, 46,
            zh: "路由规则“other_department”的 CEL 表达式名称错误：检查记录（inspection）没有“departmnt”这一项（是否应为“department”？）",
            en: "CEL reference error in route 'other_department': the inspection has no field 'departmnt' (did you mean 'department'?)"),
    ]

    // MARK: 2. "Did you mean" wherever a name comes from a known set.

    static let didYouMean: [AuthoringMistake] = [
        Authoring.checklistCase("misspelt item id in CEL", [20: "    relevant: \"missing_dayz > 0\""], 20, 16,
            zh: "事项“canteen_mode”的 CEL 表达式名称错误：不认识的名称“missing_dayz”（是否应为“missing_days”？）",
            en: "CEL reference error in item 'canteen_mode': unknown name 'missing_dayz' (did you mean 'missing_days'?)"),
        Authoring.checklistCase("severity", [12: "    severity: serius"], 12, 15,
            zh: "严重程度应为 minor、general 或 serious，实为“serius”（是否应为“serious”？）",
            en: "severity must be minor, general or serious, not 'serius' (did you mean 'serious'?)"),
        Authoring.checklistCase("domain", [13: "    domain: school_managment"], 13, 13,
            zh: "事项“missing_days”的职责领域“school_managment”不属于任何部门（是否应为“school_management”？）",
            en: "domain 'school_managment' of item 'missing_days' belongs to no department (did you mean 'school_management'?)"),
        Authoring.checklistCase("option compared in CEL", [11: "    violation: \"canteen_mode == '承包'\""], 11, 33,
            zh: "“承包”不是事项“canteen_mode”的选项（是否应为“承包经营”？）",
            en: "'承包' is not an option of item 'canteen_mode' (did you mean '承包经营'?)"),
        Authoring.checklistCase("coded column value", [20: "    relevant: \"entity.kind == 'schol'\""], 20, 31,
            zh: "“schol”不是检查对象名录“kind”列的取值（是否应为“school”？）",
            en: "'schol' is not a value of the entity directory column 'kind' (did you mean 'school'?)"),
        Authoring.checklistCase("message placeholder", [15: "    message: \"{valeu} 天无陪餐记录\""], 15, 15,
            zh: "消息模板中的“{valeu}”不是本清单的事项（是否应为“value”？）",
            en: "'{valeu}' in the message is not an item of this checklist (did you mean 'value'?)"),
        Authoring.checklistCase("inspection method", [15: "    methods: [onsite]"], 15, 15,
            zh: "检查方式应为 on_site、document_review、data_comparison、testing、other_authority_result 或 expert_opinion，实为“onsite”（是否应为“on_site”？）",
            en: "inspection method must be on_site, document_review, data_comparison, testing, other_authority_result or expert_opinion, not 'onsite' (did you mean 'on_site'?)"),
        Authoring.checklistCase("checklist department", [3: "department: educaton"], 3, 13,
            zh: "清单所属部门“educaton”未在 departments.yaml 中声明（是否应为“education”？）",
            en: "department 'educaton' is not declared in departments.yaml (did you mean 'education'?)"),
        Authoring.checklistCase("misspelt top-level marker", [1: "checklst: education.authoring_case"], 1, 1,
            zh: "无法识别的规则文件：顶层的“checklst”是否应为“checklist”？",
            en: "unrecognised rule file: should the top-level key 'checklst' be 'checklist'?"),
        Authoring.repositoryCase("route kind", routing, "kind: judicial", "kind: judical", 17, 11,
            zh: "移送类型应为 transfer、judicial、credit_record 或 rectification_followup，实为“judical”（是否应为“judicial”？）",
            en: "route kind must be transfer, judicial, credit_record or rectification_followup, not 'judical' (did you mean 'judicial'?)"),
        Authoring.repositoryCase("plan department", plan, "departments: [ethnic_religious, market_supervision]",
                                 "departments: [ethnic_religious, market_supervison]", 8, 33,
            zh: "计划中的部门“market_supervison”未声明（是否应为“market_supervision”？）",
            en: "department 'market_supervison' of the plan is not declared (did you mean 'market_supervision'?)"),
        Authoring.repositoryCase("column type", "Rules/directories.yaml", "{name: students, type: int,", "{name: students, type: integer,", 25, 30,
            zh: "列类型应为 string、int、double、bool、date 或 list，实为“integer”（是否应为“int”？）",
            en: "column type must be string, int, double, bool, date or list, not 'integer' (did you mean 'int'?)"),
    ]

    // MARK: 3. Messages in plain words, one language at a time.

    static func cel(_ name: String, _ expression: String, _ column: Int, zh: String, en: String) -> AuthoringMistake {
        // `violation: "` ends at column 16: the expression starts at 17.
        Authoring.checklistCase(name, [11: "    violation: \"\(expression)\""], 11, column,
                                zh: "事项“missing_days”的 CEL 表达式语法错误：" + zh, en: "CEL syntax error in item 'missing_days': " + en)
    }

    static let plainWords: [AuthoringMistake] = [
        cel("single =", "value = 0", 23, zh: "比较是否相等请用“==”：单个“=”不是比较",
            en: "to compare for equality use '==': a single '=' is not a comparison"),
        cel("and", "value > 0 and value < 5", 27, zh: "“and”不是运算符：“并且”请写作“&&”", en: "'and' is not an operator: write 'and' as '&&'"),
        cel("or", "value > 5 or value < 1", 27, zh: "“or”不是运算符：“或者”请写作“||”", en: "'or' is not an operator: write 'or' as '||'"),
        cel("!==", "value !== 0", 23, zh: "表达式中没有“!==”，请用“!=”", en: "there is no '!==' in expressions: use '!='"),
        cel("unclosed parenthesis", "(value > 0 && value < 5", 17, zh: "这个“(”没有对应的“)”：括号不成对",
            en: "this '(' is never closed: a ')' is missing"),
        cel("extra parenthesis", "value > 0)", 26, zh: "多了一个“)”：前面没有与它对应的“(”", en: "this ')' closes nothing: there is no '(' before it"),
        cel("missing operator", "value > 0 value < 5", 27, zh: "“value”前面缺少运算符（如 &&、|| 或 ==）",
            en: "an operator (such as &&, || or ==) is missing before 'value'"),
        cel("full-width parenthesis in CEL", "value > 0 && （value < 5）", 30, zh: "这里用了中文标点“（”：表达式中请用英文的“(”",
            en: "the full-width '（' is used here: expressions use the ASCII '('"),
        Authoring.checklistCase("unterminated string", [20: "    relevant: \"entity.kind == 'school\""], 20, 31,
            zh: "事项“canteen_mode”的 CEL 表达式语法错误：从这里开始的文字缺少结束的引号 '",
            en: "CEL syntax error in item 'canteen_mode': the text starting here has no closing '"),
        Authoring.checklistCase("unquoted Chinese text", [20: "    relevant: \"entity.status == 存续\""], 20, 33,
            zh: "事项“canteen_mode”的 CEL 表达式语法错误：文字“存续”要用英文单引号括起来：'存续'",
            en: "CEL syntax error in item 'canteen_mode': the text '存续' must be in quotes: '存续'"),
        Authoring.checklistCase("full-width colon after a key", [9: "    unit：天"], 9, 9,
            zh: "这里用了中文冒号“：”：键和值之间要用英文冒号“:”加一个空格，如“unit: 天”",
            en: "a full-width colon '：' is used here: a key and its value are separated by an ASCII colon ':' and a space, as in 'unit: 天'"),
        Authoring.checklistCase("full-width colon after a top-level key", [4: "title：编写练习"], 4, 6,
            zh: "这里用了中文冒号“：”：键和值之间要用英文冒号“:”加一个空格，如“title: 编写练习”",
            en: "a full-width colon '：' is used here: a key and its value are separated by an ASCII colon ':' and a space, as in 'title: 编写练习'"),
        Authoring.checklistCase("full-width comma in a list", [10: "    range: [0，31]"], 10, 14,
            zh: "这里用了中文逗号“，”：方括号或花括号中的各项要用英文逗号“,”分隔",
            en: "a full-width comma '，' is used here: items in brackets or braces are separated by ASCII commas ','"),
        Authoring.checklistCase("full-width space in the indentation", [12: "　   severity: minor"], 12, 1,
            zh: "这里用了全角空格“　”：YAML 的缩进只能用英文空格",
            en: "a full-width space '　' is used here: YAML indents with ASCII spaces only"),
        Authoring.checklistCase("full-width quotes around a key", [9: "    “unit”: 天"], 9, 5,
            zh: "键「“unit”」中用了中文标点「“」：键只由英文字母、数字和下划线组成（是否应为“unit”？）",
            en: "the key '“unit”' holds the full-width '“': keys are ASCII letters, digits and underscores (did you mean 'unit'?)"),
        cel("≥", "value ≥ 3", 23, zh: "表达式中没有“≥”，请用“>=”", en: "there is no '≥' in expressions: use '>='"),
        Authoring.checklistCase("no space after a key's colon", [9: "    unit:天"], 9, 9,
            zh: "键“unit”的冒号后面要有一个空格，如“unit: 天”",
            en: "a space must follow the colon after 'unit', as in 'unit: 天'"),
        Authoring.checklistCase("full-width semicolon after a word", [12: "    severity: minor；"], 12, 20,
            zh: "“severity”的值「minor；」中用了中文标点「；」（是否应为“minor”？）",
            en: "the value of 'severity', 'minor；', holds the full-width '；' (did you mean 'minor'?)"),
        Authoring.checklistCase("full-width comma in a one-item list", [19: "    options: [自主经营，承包经营]"], 19, 19,
            zh: "这里用了中文逗号“，”：方括号或花括号中的各项要用英文逗号“,”分隔",
            en: "a full-width comma '，' is used here: items in brackets or braces are separated by ASCII commas ','"),
        Authoring.checklistCase("full-width brackets for a list", [19: "    options: 【自主经营, 承包经营】"], 19, 14,
            zh: "“options”应为列表，实为“【自主经营, 承包经营】”（列表要用英文方括号“[ ]”，这里用了中文的“【”）",
            en: "'options' must be a list, not '【自主经营, 承包经营】' (a list is written in ASCII brackets '[ ]'; this uses the full-width '【')"),
    ]

    // MARK: 4. One error per mistake: what depends on a wrong value is not judged.

    static let oneError: [AuthoringMistake] = [
        // Not also "only number items take a unit" and "… a range".
        Authoring.checklistCase("wrong answer type with a unit and a range", [8: "    answer: int"], 8, 13,
            zh: "答案类型应为 yes_no、number、integer、text、choice、date 或 photo，实为“int”（是否应为“integer”？）",
            en: "answer must be yes_no, number, integer, text, choice, date or photo, not 'int' (did you mean 'integer'?)"),
        // Not also "choice items take options".
        Authoring.checklistCase("wrong answer type with options", [18: "    answer: choise"], 18, 13,
            zh: "答案类型应为 yes_no、number、integer、text、choice、date 或 photo，实为“choise”（是否应为“choice”？）",
            en: "answer must be yes_no, number, integer, text, choice, date or photo, not 'choise' (did you mean 'choice'?)"),
        // Not also "missing required key 'title'".
        Authoring.checklistCase("misspelt required key", [7: "    titel: 缺少陪餐记录的天数"], 7, 5,
            zh: "检查事项中不认识的键“titel”（是否应为“title”？）",
            en: "unknown key 'titel' in a check item (did you mean 'title'?)"),
        // Not also "choice item 'canteen_mode' has no options".
        Authoring.checklistCase("misspelt options", [19: "    optons: [自主经营, 承包经营]"], 19, 5,
            zh: "检查事项中不认识的键“optons”（是否应为“options”？）",
            en: "unknown key 'optons' in a check item (did you mean 'options'?)"),
        // Not also "can be violated but has no 'severity'".
        Authoring.checklistCase("misspelt severity key", [12: "    severty: minor"], 12, 5,
            zh: "检查事项中不认识的键“severty”（是否应为“severity”？）",
            en: "unknown key 'severty' in a check item (did you mean 'severity'?)"),
        // Not also "only choice items take options".
        Authoring.checklistCase("misspelt answer key", [18: "    anwser: choice"], 18, 5,
            zh: "检查事项中不认识的键“anwser”（是否应为“answer”？）",
            en: "unknown key 'anwser' in a check item (did you mean 'answer'?)"),
        // Not also "the checklist belongs to …" nor "the department has no checklist".
        Authoring.repositoryCase("misspelt department under checklists", plan, "  market_supervision: [market_supervision.registration]",
                                 "  market_supervison: [market_supervision.registration]", 27, 3,
            zh: "“market_supervison”不是本计划的参与部门，不能指定清单（是否应为“market_supervision”？）",
            en: "'market_supervison' is not a department of this plan and cannot have checklists (did you mean 'market_supervision'?)"),
        // Not also one error for every checklist item whose domain is then unknown.
        Authoring.repositoryCase("misspelt domains of a department", "Rules/departments.yaml", "domains:", "domain:", 9, 5,
            zh: "部门中不认识的键“domain”（是否应为“domains”？）",
            en: "unknown key 'domain' in a department (did you mean 'domains'?)"),
        // Not also "checklist 'education.school_canteen' does not exist" in the plan that names it.
        Authoring.repositoryCase("a checklist that does not load", "Checklists/education/school_canteen.yaml", "    unit: 天", "    unit：天", 74, 9,
            zh: "这里用了中文冒号“：”：键和值之间要用英文冒号“:”加一个空格，如“unit: 天”",
            en: "a full-width colon '：' is used here: a key and its value are separated by an ASCII colon ':' and a space, as in 'unit: 天'"),
    ]

    static let all = typedContext + didYouMean + plainWords + oneError
}

@Suite("Rule authors' mistakes (issue 14)")
struct AuthoringMistakesTests {
    @Test("the small checklist the cases edit is valid as it stands")
    func baseIsValid() {
        let ds = Authoring.diagnostics(Authoring.checklist([:]), at: Authoring.checklistFile)
        #expect(ds.isEmpty, "\(ds.map { $0.formatted(.en) })")
    }

    @Test("full-width punctuation inside text stays text")
    func fullWidthText() {
        let draft = Authoring.checklist([
            15: "    message: 近一个月：{value} 天，无陪餐记录",
            17: "    title: 食堂经营方式（自主、承包：二选一）",
            19: "    options: [自主经营（含托管）, “承包经营”]",
            20: "    relevant: \"entity.kind == 'school' && entity.name != '某校：（分校）'\"",
        ])
        let ds = Authoring.diagnostics(draft, at: Authoring.checklistFile)
        #expect(ds.isEmpty, "\(ds.map { $0.formatted(.zh) })")
    }

    static func check(_ c: AuthoringMistake) throws {
        let ds = Authoring.diagnostics(c.draft, at: c.file)
        #expect(ds.count == 1, "\(c.name): one mistake, one diagnostic; got \(ds.map { $0.formatted(.en) })")
        let d = try #require(ds.first, "\(c.name): no diagnostic")
        #expect(d.path == Authoring.root + "/" + c.file, "\(c.name): \(d.path)")
        #expect(d.severity == .error)
        #expect(d.line == c.line && d.column == c.column, "\(c.name): expected \(c.line):\(c.column), got \(d.line):\(d.column) — \(d.message.en)")
        #expect(d.message.zh == c.zh, "\(c.name): zh \"\(d.message.zh)\"")
        #expect(d.message.en == c.en, "\(c.name): en \"\(d.message.en)\"")
    }

    @Test("1. a misspelt field or a wrong comparison is found at load, at the field", arguments: AuthoringCases.typedContext)
    func typedContext(_ c: AuthoringMistake) throws { try Self.check(c) }

    @Test("2. a name from a known set gets the nearest one", arguments: AuthoringCases.didYouMean)
    func didYouMean(_ c: AuthoringMistake) throws { try Self.check(c) }

    @Test("3. messages say what to write instead, at the character", arguments: AuthoringCases.plainWords)
    func plainWords(_ c: AuthoringMistake) throws { try Self.check(c) }

    @Test("4. checks that depend on a wrong value are skipped", arguments: AuthoringCases.oneError)
    func oneError(_ c: AuthoringMistake) throws { try Self.check(c) }

    /// The same through the command line, as a rule author runs it: the
    /// draft given to `spotcheck validate`, one error line printed, exit 1.
    @Test("spotcheck validate prints the one error, in the language asked for", arguments: AuthoringCases.all)
    func printed(_ c: AuthoringMistake) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("authoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let draft = dir.appendingPathComponent((c.file as NSString).lastPathComponent).path
        try c.draft.write(toFile: draft, atomically: true, encoding: .utf8)
        for (lang, message) in [("zh", c.zh), ("en", c.en)] {
            let r = try CLIRunner.run(["validate", "--root", Authoring.root, "--lang", lang, draft])
            #expect(r.status == 1, "\(c.name): \(r)")
            let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(errors == ["\(draft):\(c.line):\(c.column): error: \(message)"[...]], "\(c.name) (\(lang)): \(r.stderr)")
        }
    }

    /// A Chinese message holds no English words but the names it quotes,
    /// the words of the closed set it lists and a few of the language's own
    /// (CEL, YAML, true …); an English one no Chinese but what the draft holds.
    @Test("every message is in one language", arguments: AuthoringCases.all)
    func oneLanguage(_ c: AuthoringMistake) {
        var unquoted = ""
        var depth = 0
        for ch in c.zh {
            if ch == "“" || ch == "「" { depth += 1 } else if ch == "”" || ch == "」" { depth = max(0, depth - 1) } else if depth == 0 { unquoted.append(ch) }
        }
        let closedSets = AnswerType.allCases.map(\.rawValue) + Severity.allCases.map(\.rawValue) + RouteKind.allCases.map(\.rawValue)
            + InspectionMethod.allCases.map(\.rawValue) + ColumnType.allCases.map(\.rawValue)
        let own = ["CEL", "YAML", "Rules", "directories", "departments", "yaml", "entities", "inspectors", "timestamp", "in", "true", "false"]
        let draftWords = c.draft.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }).map(String.init)
        let allowed = Set(closedSets + own + draftWords)
        let words = unquoted.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }).map(String.init)
        for w in words where w.allSatisfy({ $0.isLetter || $0 == "_" }) && !allowed.contains(w) {
            Issue.record("\(c.name): English '\(w)' in the Chinese message: \(c.zh)")
        }
        let quoted = Set(c.draft.unicodeScalars.filter { $0.properties.isIdeographic })
        let chinese = c.en.unicodeScalars.filter { $0.properties.isIdeographic }
        #expect(chinese.allSatisfy { quoted.contains($0) }, "\(c.name): Chinese in the English message: \(c.en)")
    }
}
