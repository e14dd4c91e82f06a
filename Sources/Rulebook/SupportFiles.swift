import Directories
import Messages
import WorkingDays

/// How a directory column reads on forms and pages: its title and the
/// labels of coded values, so no page ever shows `kindergarten` for 幼儿园.
public struct ColumnDisplay: Sendable {
    public var title: LocalizedText
    public var labels: [String: LocalizedText]
}

/// What `Rules/directories.yaml` declares: the schemas directories are
/// imported with, how columns read on forms, and the columns as rule
/// expressions see them (kept even where a declaration is wrong, so a
/// wrong type is one error, not one more for every expression reading it).
struct DirectoryDeclarations {
    var entities: DirectorySchema?
    var inspectors: DirectorySchema?
    var display: [String: ColumnDisplay]
    var contexts: ExpressionContexts
}

/// Loaders for the directory schemas and the working-day calendar.
enum SupportLoaders {
    static func loadDirectories(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> DirectoryDeclarations? {
        guard let root = file.rootValue else { return nil }
        let f = FieldReader(root, shape: SupportShapes.directories, diagnostics: &d)
        guard f.ok else { return nil }
        var display: [String: ColumnDisplay] = [:]
        let e = f.node("entities").map { schema($0, &display, &d) }
        let i = f.node("inspectors").map { schema($0, &display, &d) }
        let contexts = ExpressionContexts(entities: e?.columns ?? [], inspectors: i?.columns ?? [])
        return DirectoryDeclarations(entities: e?.schema, inspectors: i?.schema, display: display,
                                     contexts: e == nil || i == nil ? .untyped : contexts)
    }

    private static func schema(_ node: YAMLValue, _ display: inout [String: ColumnDisplay], _ d: inout Diagnostics)
        -> (schema: DirectorySchema?, columns: [ExpressionContexts.Column]) {
        let f = FieldReader(node, shape: SupportShapes.directory, diagnostics: &d)
        var columns: [DirectoryColumn] = []
        var declared: [ExpressionContexts.Column] = []
        for c in f.list("columns", diagnostics: &d) ?? [] {
            let cf = FieldReader(c, shape: SupportShapes.column, diagnostics: &d)
            guard cf.ok, let name = cf.string("name", diagnostics: &d) else { continue }
            let shown = columnDisplay(cf, name: name.value, &d)
            if let shown { display[name.value] = shown }
            let type = cf.isInvalid("type") ? nil : ColumnType(rawValue: cf.string("type", diagnostics: &d)?.value ?? "string")
            declared.append(ExpressionContexts.Column(name: name.value, type: type, codes: shown?.labels.keys.sorted() ?? []))
            guard let type else { continue }
            columns.append(DirectoryColumn(name: name.value, type: type, required: cf.bool("required", diagnostics: &d) ?? false,
                                           personal: cf.bool("personal", diagnostics: &d) ?? false))
        }
        guard f.ok, let key = f.string("key", diagnostics: &d) else { return (nil, declared) }
        do {
            return (try DirectorySchema(key: key.value, columns: columns), declared)
        } catch {
            d.error(key.place, zh: error.zh, en: error.en)
            return (nil, declared)
        }
    }

    /// A column's title and the labels of its coded values (`labels: {school: 中小学}`).
    private static func columnDisplay(_ cf: FieldReader, name: String, _ d: inout Diagnostics) -> ColumnDisplay? {
        let title = cf.string("title", diagnostics: &d)
        let titleEN = cf.string("title_en", diagnostics: &d)
        func labels(_ key: String) -> [(String, String)] {
            guard let node = cf.node(key), !cf.isInvalid(key) else { return [] }
            return (node.locatedEntries(diagnostics: &d, what: LocalizedText(zh: key, en: key)) ?? []).map { k, v in
                if case .string(let s) = v.value { return (k.value, s) }
                return (k.value, v.value.display)   // a number or a truth value, as written
            }
        }
        let zh = labels("labels"), en = Dictionary(labels("labels_en"), uniquingKeysWith: { a, _ in a })
        if let stray = en.keys.sorted().first(where: { key in !zh.contains { $0.0 == key } }) {
            d.error(cf.keyPlace("labels_en")!, zh: "labels_en 中的“\(stray)”在 labels 中没有", en: "'\(stray)' in labels_en is not in labels")
        }
        guard title != nil || !zh.isEmpty else { return nil }
        var out: [String: LocalizedText] = [:]
        for (k, v) in zh { out[k] = LocalizedText(zh: v, en: en[k] ?? k) }
        return ColumnDisplay(title: LocalizedText(zh: title?.value ?? name, en: titleEN?.value ?? name), labels: out)
    }

    static func loadCalendarYear(_ file: YAMLFile, diagnostics d: inout Diagnostics) -> HolidayYear? {
        guard let root = file.rootValue else { return nil }
        let f = FieldReader(root, shape: SupportShapes.calendar, diagnostics: &d)
        guard let year = f.integer("year", diagnostics: &d) else { return nil }
        var holidays: [Holiday] = []
        for h in f.list("holidays", diagnostics: &d) ?? [] {
            let hf = FieldReader(h, shape: SupportShapes.holiday, diagnostics: &d)
            guard hf.ok, let name = hf.string("name", diagnostics: &d) else { continue }
            if hf.has("days") {
                guard let days = hf.list("days", diagnostics: &d) else { continue }
                holidays.append(Holiday(name: name.value, days: days.compactMap(date)))
            } else if hf.isInvalid("from") || hf.isInvalid("to") {
                continue
            } else if let from = hf.require("from", diagnostics: &d).flatMap(date),
                      let to = hf.require("to", diagnostics: &d).flatMap(date) {
                holidays.append(Holiday(name: name.value, from: from, to: to))
            }
        }
        let makeup = (f.list("makeup_workdays", diagnostics: &d) ?? []).compactMap(date)
        return HolidayYear(year: year.value, source: f.string("source", diagnostics: &d)?.value, holidays: holidays, makeupWorkdays: makeup)
    }

    /// A date the shape has checked (nil for one it reported).
    private static func date(_ v: YAMLValue) -> CivilDate? {
        if case .date(let p) = v.resolved { return CivilDate(year: p.year, month: p.month, day: p.day) }
        return nil
    }
}
