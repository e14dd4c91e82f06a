import CEL
import Messages

/// Text that an expression compares with a field whose values are known
/// must be one of them: an option of a choice item (`mode == '外包'`), a
/// coded value of a labelled directory column (`entity.kind == 'schol'`),
/// a declared domain or department, a severity, a cooperation. A misspelt
/// value would otherwise never match, silently; here it is a load error at
/// the text, with the nearest value.
enum LiteralValues {
    static func check(_ book: Rulebook, diagnostics d: inout Diagnostics) {
        let known = Known(book)
        for c in book.checklists {
            var options: [String: [String]] = [:]
            for item in c.items where item.answer == .choice { options[item.id] = item.options }
            if let a = c.appliesTo { check(a, known, options: options, valueItem: nil, &d) }
            for item in c.items {
                for e in [item.relevant, item.violation] .compactMap({ $0 }) {
                    check(e, known, options: options, valueItem: item.isRule ? nil : item.id, &d)
                }
                if let e = item.compute { check(e, known, options: options, valueItem: nil, &d) }
            }
        }
        for e in book.routes.map(\.when) + book.results.map(\.when) { check(e, known, options: [:], valueItem: nil, &d) }
        for p in book.plans {
            var expressions = [p.population] + [p.inspectorPool, p.avoid].compactMap { $0 }
            if case .stratified(let strata, let rates) = p.sample {
                expressions.append(strata)
                checkRates(p, strata, rates, book, &d)
            }
            for e in expressions { check(e, known, options: [:], valueItem: nil, &d) }
        }
    }

    /// `strata: entity.credit_grade` with `rates: {A: …}`: each rate's
    /// stratum must be a coded value of that column, or it never matches.
    private static func checkRates(_ p: Plan, _ strata: RuleExpression, _ rates: [String: Double], _ book: Rulebook, _ d: inout Diagnostics) {
        let text = strata.text.trimmingSpaces
        guard text.hasPrefix("entity."), case let column = String(text.dropFirst(7)), Identifier.isValid(column),
              let codes = book.contexts.codes["entity"]?[column] else { return }
        for key in rates.keys.sorted() where !codes.contains(key) {
            let at = p.ratePlaces[key] ?? p.place
            let hint = Suggestion.hint(key, in: codes, listing: true)
            d.error(at, zh: "“\(key)”不是检查对象名录“\(column)”列的取值，这一层永远抽不到" + hint.zh,
                    en: "'\(key)' is not a value of the entity directory column '\(column)': this stratum never matches" + hint.en)
        }
    }

    private static func check(_ e: RuleExpression, _ known: Known, options: [String: [String]], valueItem: String?,
                              _ d: inout Diagnostics) {
        for c in e.program.literalComparisons {
            let subject: Subject?
            if c.owner == nil {
                let item = c.name == "value" ? valueItem : c.name
                subject = item.flatMap { id in options[id].map { Subject.option(item: id, options: $0) } }
            } else {
                subject = known.subject(c.owner!, c.name)
            }
            guard let subject, !subject.values.isEmpty, !subject.values.contains(c.literal) else { continue }
            let at = e.place(of: c.position)
            let text = subject.message(c.literal)
            d.append(Diagnostic(path: at.path, line: at.line, column: at.column, text))
        }
    }

    /// What the compared field is, and its values.
    private enum Subject {
        case option(item: String, options: [String])
        case column(directory: String, column: String, codes: [String])
        case named(what: LocalizedText, values: [String])

        var values: [String] {
            switch self {
            case .option(_, let v), .column(_, _, let v), .named(_, let v): return v
            }
        }

        func message(_ literal: String) -> LocalizedText {
            let hint = Suggestion.hint(literal, in: values, listing: true)
            switch self {
            case .option(let item, _):
                return LocalizedText(zh: "“\(literal)”不是事项“\(item)”的选项" + hint.zh, en: "'\(literal)' is not an option of item '\(item)'" + hint.en)
            case .column(let directory, let column, _):
                let (zh, en) = directory == "entity" ? ("检查对象名录", "entity directory") : ("检查人员名录", "inspector directory")
                return LocalizedText(zh: "“\(literal)”不是\(zh)“\(column)”列的取值" + hint.zh,
                                     en: "'\(literal)' is not a value of the \(en) column '\(column)'" + hint.en)
            case .named(let what, _):
                return LocalizedText(zh: "“\(literal)”不是\(what.zh)" + hint.zh, en: "'\(literal)' is not \(what.en)" + hint.en)
            }
        }
    }

    /// The values the rule files declare, by object and field.
    private struct Known {
        let book: Rulebook
        let domains: [String]
        let departments: [String]

        init(_ book: Rulebook) {
            self.book = book
            domains = book.departmentsKnown ? book.departments.flatMap(\.domains).sorted() : []
            departments = book.departmentsKnown ? book.departments.map(\.id) : []
        }

        func subject(_ owner: String, _ field: String) -> Subject? {
            let department = Subject.named(what: LocalizedText(zh: "已声明的部门", en: "a declared department"), values: departments)
            switch (owner, field) {
            case ("entity", _), ("inspector", _):
                return book.contexts.codes[owner]?[field].map { .column(directory: owner, column: field, codes: $0) }
            case ("violation", "severity"):
                return .named(what: LocalizedText(zh: "严重程度", en: "a severity"), values: Severity.allCases.map(\.rawValue))
            case ("violation", "domain"):
                return .named(what: LocalizedText(zh: "已声明的职责领域", en: "a declared domain"), values: domains)
            case ("violation", "competent"), ("violation", "found_by"), ("inspection", "department"), ("plan", "lead"):
                return department
            case ("violation", "id"):
                return .named(what: LocalizedText(zh: "任何清单中的事项", en: "an item of any checklist"),
                              values: Array(Set(book.checklists.flatMap { $0.items.map(\.id) })).sorted())
            case ("inspection", "checklist"):
                return .named(what: LocalizedText(zh: "已有的检查事项清单", en: "a known checklist"), values: book.checklists.map(\.id).sorted())
            case ("inspection", let f):
                return ExpressionContexts.inspectionCodes[f].map {
                    .named(what: LocalizedText(zh: " inspection.\(f) 的取值", en: "a value of inspection.\(f)"), values: $0)
                }
            default:
                return nil
            }
        }
    }
}
