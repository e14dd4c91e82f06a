import Directories
import Messages
import WorkingDays

/// How a directory column reads on forms and pages: its title and the
/// labels of coded values, so no page ever shows `kindergarten` for 幼儿园.
public struct ColumnDisplay: Sendable {
    public var title: LocalizedText
    public var labels: [String: LocalizedText]
}

/// Loaders for the directory schemas and the working-day calendar.
enum SupportLoaders {
    static func loadDirectories(_ file: YAMLFile, diagnostics d: inout Diagnostics)
        -> (entities: DirectorySchema, inspectors: DirectorySchema, display: [String: ColumnDisplay])? {
        guard let root = file.rootValue else { return nil }
        let f = FieldReader(root, allowed: ["entities", "inspectors"], what: LocalizedText(zh: "名录库定义", en: "the directories file"), diagnostics: &d)
        var display: [String: ColumnDisplay] = [:]
        guard let e = f.require("entities", diagnostics: &d).flatMap({ schema($0, &display, &d) }),
              let i = f.require("inspectors", diagnostics: &d).flatMap({ schema($0, &display, &d) }) else { return nil }
        return (e, i, display)
    }

    private static func schema(_ node: YAMLValue, _ display: inout [String: ColumnDisplay], _ d: inout Diagnostics) -> DirectorySchema? {
        let f = FieldReader(node, allowed: ["key", "columns"], what: LocalizedText(zh: "名录库", en: "a directory"), diagnostics: &d)
        guard let key = f.string("key", required: true, diagnostics: &d) else { return nil }
        var columns: [DirectoryColumn] = []
        for c in f.list("columns", required: true, diagnostics: &d) ?? [] {
            let cf = FieldReader(c, allowed: ["name", "type", "required", "personal", "title", "title_en", "labels", "labels_en"],
                                 what: LocalizedText(zh: "列", en: "a column"), diagnostics: &d)
            guard let name = cf.string("name", required: true, diagnostics: &d) else { continue }
            if let shown = columnDisplay(cf, name: name.value, &d) { display[name.value] = shown }
            var type = ColumnType.string
            if let t = cf.string("type", diagnostics: &d) {
                guard let ct = ColumnType(rawValue: t.value) else {
                    d.error(t.place, zh: "列类型应为 string、int、double、bool、date 或 list", en: "column type must be string, int, double, bool, date or list")
                    continue
                }
                type = ct
            }
            columns.append(DirectoryColumn(name: name.value, type: type, required: cf.bool("required", diagnostics: &d) ?? false,
                                           personal: cf.bool("personal", diagnostics: &d) ?? false))
        }
        do {
            return try DirectorySchema(key: key.value, columns: columns)
        } catch {
            d.error(key.place, zh: error.description, en: error.description)
            return nil
        }
    }

    /// A column's title and the labels of its coded values (`labels: {school: 中小学}`).
    private static func columnDisplay(_ cf: FieldReader, name: String, _ d: inout Diagnostics) -> ColumnDisplay? {
        let title = cf.string("title", diagnostics: &d)
        let titleEN = cf.string("title_en", diagnostics: &d)
        func labels(_ key: String) -> [(String, String)] {
            guard let node = cf.node(key) else { return [] }
            return (node.locatedEntries(diagnostics: &d, what: LocalizedText(zh: key, en: key)) ?? []).compactMap { k, v in
                guard case .string(let s) = v.value else {
                    d.error(v.place, zh: "标签应为文本", en: "a label must be text")
                    return nil
                }
                return (k.value, s)
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
        let f = FieldReader(root, allowed: ["year", "source", "holidays", "makeup_workdays"], what: LocalizedText(zh: "节假日安排", en: "a holiday calendar"), diagnostics: &d)
        guard let year = f.integer("year", diagnostics: &d) ?? { f.require("year", diagnostics: &d); return nil }() else { return nil }
        var holidays: [Holiday] = []
        for h in f.list("holidays", required: true, diagnostics: &d) ?? [] {
            let hf = FieldReader(h, allowed: ["name", "days", "from", "to"], what: LocalizedText(zh: "节日", en: "a holiday"), diagnostics: &d)
            guard let name = hf.string("name", required: true, diagnostics: &d) else { continue }
            if let days = hf.list("days", diagnostics: &d) {
                holidays.append(Holiday(name: name.value, days: days.compactMap { date($0, &d) }))
            } else if let from = hf.require("from", diagnostics: &d).flatMap({ date($0, &d) }),
                      let to = hf.require("to", diagnostics: &d).flatMap({ date($0, &d) }) {
                holidays.append(Holiday(name: name.value, from: from, to: to))
            }
        }
        let makeup = (f.list("makeup_workdays", diagnostics: &d) ?? []).compactMap { date($0, &d) }
        return HolidayYear(year: year.value, source: f.string("source", diagnostics: &d)?.value, holidays: holidays, makeupWorkdays: makeup)
    }

    private static func date(_ v: YAMLValue, _ d: inout Diagnostics) -> CivilDate? {
        if case .date(let p) = v.resolved, let c = CivilDate(year: p.year, month: p.month, day: p.day) { return c }
        d.error(v.place, zh: "应为日期（如 2024-10-01）", en: "expected a date such as 2024-10-01")
        return nil
    }
}
