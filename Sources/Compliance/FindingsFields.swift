import Messages
import Rulebook
import WorkingDays

/// Typed reads of the top-level fields of a findings document, each wrong
/// type reported at the value that has it.
struct FindingsFields {
    let document: InputDocument
    private var byKey: [String: DocumentEntry] = [:]

    init(_ document: InputDocument) { self.document = document }

    var path: String { document.path }
    var rootPlace: Place { document.root.place(in: path) }

    /// The root's fields by key; unknown keys are errors (with the nearest known key).
    mutating func fields(diagnostics d: inout Diagnostics) -> [String: DocumentEntry]? {
        guard let entries = document.root.entries else {
            d.error(rootPlace, zh: "检查记录应为映射，实为\(document.root.kindName.zh)", en: "findings must be a mapping, not \(document.root.kindName.en)")
            return nil
        }
        for e in entries {
            guard FindingsLoader.keys.contains(e.key) else {
                let hint = Suggestion.closest(e.key, in: FindingsLoader.keys)
                d.error(e.keyPlace(in: path), zh: "检查记录中不认识的键“\(e.key)”" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                        en: "unknown key '\(e.key)' in the findings" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
                continue
            }
            byKey[e.key] = e
        }
        return byKey
    }

    func place(of key: String) -> Place { byKey[key].map { $0.value.place(in: path) } ?? rootPlace }

    /// Where a key itself was written.
    func keyPlace(of key: String) -> Place { byKey[key].map { $0.keyPlace(in: path) } ?? rootPlace }

    private func node(_ key: String) -> DocumentNode? { byKey[key]?.value }

    private func wrong(_ key: String, _ n: DocumentNode, want: LocalizedText, _ d: inout Diagnostics) {
        d.error(n.place(in: path), zh: "“\(key)”应为\(want.zh)，实为\(n.kindName.zh)", en: "'\(key)' must be \(want.en), not \(n.kindName.en)")
    }

    func text(_ key: String, _ d: inout Diagnostics) -> Located<String>? {
        guard let n = node(key) else { return nil }
        guard case .string(let s) = n.value else {
            if case .int = n.value {
                d.error(n.place(in: path), zh: "“\(key)”应为文本：全是数字的编号须加引号", en: "'\(key)' must be text: quote an all-digit id")
            } else {
                wrong(key, n, want: LocalizedText(zh: "文本", en: "text"), &d)
            }
            return nil
        }
        return Located(s, n.place(in: path), quoted: n.quoted)
    }

    func texts(_ key: String, _ d: inout Diagnostics) -> [Located<String>]? {
        guard let n = node(key) else { return nil }
        guard let list = n.elements else {
            wrong(key, n, want: LocalizedText(zh: "列表", en: "a list"), &d)
            return nil
        }
        var out: [Located<String>] = []
        for item in list {
            guard case .string(let s) = item.value else {
                d.error(item.place(in: path), zh: "“\(key)”的元素应为文本，实为\(item.kindName.zh)", en: "the elements of '\(key)' must be text, not \(item.kindName.en)")
                continue
            }
            if out.contains(where: { $0.value == s }) {
                d.error(item.place(in: path), zh: "“\(key)”中的“\(s)”重复", en: "'\(s)' repeats in '\(key)'")
                continue
            }
            out.append(Located(s, item.place(in: path)))
        }
        return out
    }

    /// A date: a YAML date, or a `YYYY-MM-DD` string (JSON, quoted YAML).
    func date(_ key: String, _ d: inout Diagnostics) -> Located<CivilDate>? {
        guard let n = node(key) else { return nil }
        switch n.value {
        case .date(let c): return Located(c, n.place(in: path))
        case .string(let s):
            if let c = CivilDate(s) { return Located(c, n.place(in: path)) }
        default: break
        }
        d.error(n.place(in: path), zh: "“\(key)”应为日期（如 2024-06-12）", en: "'\(key)' must be a date such as 2024-06-12")
        return nil
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, _ d: inout Diagnostics) -> E? where E.RawValue == String {
        guard let s = text(key, &d) else { return nil }
        if let e = E(rawValue: s.value) { return e }
        let allowed = E.allCases.map(\.rawValue)
        let hint = Suggestion.closest(s.value, in: allowed)
        d.error(s.place, zh: "“\(key)”应为 \(allowed.joined(separator: "、")) 之一，实为“\(s.value)”" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                en: "'\(key)' must be one of \(allowed.joined(separator: ", ")), not '\(s.value)'" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
        return nil
    }

    /// The entries of a mapping field, keys located, values as data.
    func entries(_ key: String, _ d: inout Diagnostics) -> [(key: Located<String>, value: Located<Datum>)]? {
        guard let n = node(key) else { return nil }
        if n.isNull { return [] }
        guard let entries = n.entries else {
            wrong(key, n, want: LocalizedText(zh: "映射", en: "a mapping"), &d)
            return nil
        }
        var out: [(key: Located<String>, value: Located<Datum>)] = []
        out.reserveCapacity(entries.count)
        for e in entries {
            if let bad = Self.nonFinite(e.value) {
                d.error(bad.place(in: path), zh: "“\(e.key)”的值不是有限的数", en: "the value of '\(e.key)' is not a finite number")
                continue
            }
            out.append((Located(e.key, e.keyPlace(in: path)), Located(e.value.datum, e.value.place(in: path))))
        }
        return out
    }

    /// A NaN or infinite number anywhere in `n`.
    static func nonFinite(_ n: DocumentNode) -> DocumentNode? {
        switch n.value {
        case .double(let x): return x.isFinite ? nil : n
        case .list(let l): return l.lazy.compactMap(nonFinite).first
        case .map(let m): return m.lazy.compactMap { nonFinite($0.value) }.first
        default: return nil
        }
    }

    struct EntityRow {
        var row: [String: Datum]
        var place: Place
    }

    /// The entity: a mapping with a text `id`, or an id looked up in the directory.
    func entity(_ lookup: FindingsLoader.EntityLookup?, _ d: inout Diagnostics) -> EntityRow? {
        guard let n = node("entity") else { return nil }
        let at = n.place(in: path)
        switch n.value {
        case .map(let entries):
            guard let idEntry = entries.first(where: { $0.key == "id" }) else {
                d.error(at, zh: "被检查对象缺少 id（统一社会信用代码）", en: "the entity has no id (unified social credit code)")
                return nil
            }
            guard case .string(let id) = idEntry.value.value, !id.isEmpty else {
                let quote = { if case .int = idEntry.value.value { return true } else { return false } }()
                d.error(idEntry.value.place(in: path),
                        zh: quote ? "被检查对象的 id 应为文本：全是数字的统一社会信用代码须加引号" : "被检查对象的 id 应为非空文本",
                        en: quote ? "the entity id must be text: quote an all-digit credit code" : "the entity id must be non-empty text")
                return nil
            }
            if let problem = EntityID.problem(id) {
                d.error(idEntry.value.place(in: path), zh: problem.zh, en: problem.en)
                return nil
            }
            if let bad = Self.nonFinite(n) {
                d.error(bad.place(in: path), zh: "被检查对象的字段不是有限的数", en: "an entity field is not a finite number")
                return nil
            }
            guard case .map(let row) = n.datum else { return nil }
            return EntityRow(row: row, place: at)
        case .string(let id):
            guard let lookup else {
                d.error(at, zh: "以 id 给出被检查对象时须提供检查对象名录库（--entities 或数据库）", en: "an entity given by id needs the entity directory (--entities or a store)")
                return nil
            }
            let found: [String: Datum]?
            do { found = try lookup(id) } catch {
                d.error(at, zh: "无法读取检查对象名录库：\(error.message.zh)", en: "cannot read the entity directory: \(error.message.en)")
                return nil
            }
            guard let row = found else {
                d.error(at, zh: "检查对象名录库中没有 id 为“\(id)”的对象", en: "no entity with id '\(id)' in the entity directory")
                return nil
            }
            return EntityRow(row: row, place: at)
        case .int:
            d.error(at, zh: "entity 应为映射或文本 id：全是数字的统一社会信用代码须加引号", en: "entity must be a mapping or a text id: quote an all-digit credit code")
            return nil
        default:
            wrong("entity", n, want: LocalizedText(zh: "映射或 id", en: "a mapping or an id"), &d)
            return nil
        }
    }

    func notes(_ d: inout Diagnostics) -> [(key: Located<String>, text: String)] {
        (entries("notes", &d) ?? []).compactMap { k, v in
            guard case .string(let s) = v.value else {
                d.error(v.place, zh: "备注应为文本", en: "a note must be text")
                return nil
            }
            return (k, s)
        }
    }

    func evidence(_ d: inout Diagnostics) -> [(key: Located<String>, files: [String])] {
        (entries("evidence", &d) ?? []).compactMap { k, v in
            switch v.value {
            case .string(let s): return (k, [s])
            case .list(let l) where l.allSatisfy({ if case .string = $0 { return true } else { return false } }):
                return (k, l.map(\.display))
            default:
                d.error(v.place, zh: "证据应为文件路径或 sha256:… 的列表", en: "evidence must be a list of file paths or sha256:… references")
                return nil
            }
        }
    }

    func methods(_ d: inout Diagnostics) -> [InspectionMethod] {
        (texts("methods", &d) ?? []).compactMap { m in
            if let method = InspectionMethod(rawValue: m.value) { return method }
            let allowed = InspectionMethod.allCases.map(\.rawValue)
            let hint = Suggestion.closest(m.value, in: allowed)
            d.error(m.place, zh: "未知的检查方式“\(m.value)”" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                    en: "unknown inspection method '\(m.value)'" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
            return nil
        }
    }

    func assistants(_ d: inout Diagnostics) -> [Findings.Assistant] {
        guard let n = node("assistants") else { return [] }
        guard let list = n.elements else {
            wrong("assistants", n, want: LocalizedText(zh: "列表", en: "a list"), &d)
            return []
        }
        return list.compactMap { item in
            guard let entries = item.entries else {
                d.error(item.place(in: path), zh: "协助人员应为 {name, organisation}", en: "an assistant must be {name, organisation}")
                return nil
            }
            var name: String?, org: String?
            for e in entries {
                switch (e.key, e.value.value) {
                case ("name", .string(let s)): name = s
                case ("organisation", .string(let s)): org = s
                case ("name", _), ("organisation", _):
                    d.error(e.value.place(in: path), zh: "“\(e.key)”应为文本", en: "'\(e.key)' must be text")
                default:
                    d.error(e.keyPlace(in: path), zh: "协助人员中不认识的键“\(e.key)”", en: "unknown key '\(e.key)' in an assistant")
                }
            }
            guard let name, let org, !name.isEmpty, !org.isEmpty else {
                d.error(item.place(in: path), zh: "协助人员须写明姓名（name）和所在单位（organisation）", en: "an assistant needs a name and an organisation")
                return nil
            }
            return Findings.Assistant(name: name, organisation: org)
        }
    }
}

/// Entity ids (unified social credit codes, or a directory's own ids) as
/// they may appear in findings: printable, no surrounding or hidden space.
enum EntityID {
    static func problem(_ id: String) -> LocalizedText? {
        // Printable ASCII has no white space, format or control characters.
        if id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return nil }
        let bad = id.unicodeScalars.first { s in
            s.properties.isWhitespace || s.properties.generalCategory == .format || s.properties.generalCategory == .control
        }
        guard let bad else { return nil }
        let code = "U+" + String(bad.value, radix: 16, uppercase: true)
        return LocalizedText(zh: "被检查对象的 id“\(id)”含有空白或不可见字符（\(code)）", en: "the entity id '\(id)' holds white space or an invisible character (\(code))")
    }
}
