import Foundation
import Messages
import Rulebook
import WorkingDays

/// Reads a findings file (SPEC.md §6) strictly: YAML through Yams, JSON
/// through the strict JSON reader, both into positioned values. Every
/// problem is a diagnostic at the offending key or value, and any error
/// refuses the whole file: nothing half-read is ever evaluated or stored.
public enum FindingsLoader {
    public static let keys = ["submission_id", "plan", "task", "entity", "department", "checklist", "inspected_on", "inspectors",
                              "signature", "refusal_note", "cooperation", "answers", "notes", "evidence", "rectified_on_site",
                              "methods", "assistants"]
    static let required = ["entity", "department", "checklist", "inspected_on", "inspectors", "cooperation", "signature", "answers"]

    /// A findings file over this size is refused before it is parsed.
    public static let maxBytes = 4 << 20

    /// Looks up an entity given by id (`entity: "9113…"`); nil when unknown;
    /// throws (a diagnostic's text) when the directory cannot be read.
    public typealias EntityLookup = @Sendable (String) throws(LookupError) -> [String: Datum]?

    /// Why an entity directory could not be read.
    public struct LookupError: Error, Sendable {
        public var message: LocalizedText
        public init(_ message: LocalizedText) { self.message = message }
    }

    /// Reads the file at `path`; a `.json` file is read as strict JSON.
    public static func read(path: String, entities: EntityLookup?, diagnostics d: inout Diagnostics) -> Findings? {
        // One byte past the limit is enough to refuse an oversized file without reading it all.
        guard let bytes = FileBytes.read(path, limit: maxBytes + 1) else {
            d.error(Place(path: path, line: 1, column: 1), zh: "无法读取文件", en: "cannot read the file")
            return nil
        }
        return parse(bytes, path: path, entities: entities, diagnostics: &d)
    }

    /// Parses findings text; JSON when the path ends in `.json` or the text starts with `{`.
    public static func parse(_ bytes: [UInt8], path: String, entities: EntityLookup?, diagnostics d: inout Diagnostics) -> Findings? {
        guard let document = document(bytes, path: path, diagnostics: &d) else { return nil }
        return load(document, entities: entities, diagnostics: &d)
    }

    /// The positioned document of findings text, or nil with a diagnostic.
    public static func document(_ bytes: [UInt8], path: String, diagnostics d: inout Diagnostics) -> InputDocument? {
        guard bytes.count <= maxBytes else {
            d.error(Place(path: path, line: 1, column: 1), zh: "检查记录文件超过 \(maxBytes >> 20) MiB 的上限", en: "the findings file exceeds the \(maxBytes >> 20) MiB limit")
            return nil
        }
        if isJSON(bytes, path: path) {
            switch StrictJSON.parse(bytes, path: path) {
            case .success(let root): return InputDocument(path: path, root: root)
            case .failure(let diagnostic): d.append(diagnostic); return nil
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            d.error(Place(path: path, line: 1, column: 1), zh: "文件不是 UTF-8 编码", en: "the file is not UTF-8")
            return nil
        }
        guard let file = YAMLFile.parse(text, path: path, diagnostics: &d) else { return nil }
        guard let document = file.document else {
            d.error(Place(path: path, line: 1, column: 1), zh: "文件为空", en: "the file is empty")
            return nil
        }
        return document
    }

    static func isJSON(_ bytes: [UInt8], path: String) -> Bool {
        if path.lowercased().hasSuffix(".json") { return true }
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        return first == UInt8(ascii: "{") && !path.lowercased().hasSuffix(".yaml") && !path.lowercased().hasSuffix(".yml")
    }

    /// Checks the document's keys and types and builds the findings; nil
    /// when anything is wrong (every problem is in `d`).
    public static func load(_ document: InputDocument, entities: EntityLookup?, diagnostics d: inout Diagnostics) -> Findings? {
        var r = FindingsFields(document)
        let before = d.errors.count
        guard let fields = r.fields(diagnostics: &d) else { return nil }
        for key in required where fields[key] == nil {
            d.error(r.rootPlace, zh: "缺少必填的键“\(key)”", en: "missing required key '\(key)'")
        }
        let department = r.text("department", &d)
        let checklist = r.text("checklist", &d)
        let inspected = r.date("inspected_on", &d)
        let entity = r.entity(entities, &d)
        let signature = r.choice("signature", Findings.Signature.self, &d)
        let cooperation = r.choice("cooperation", Findings.Cooperation.self, &d)
        let answers = r.entries("answers", &d)
        if let answers, answers.isEmpty, cooperation == .cooperated {
            d.error(r.place(of: "answers"), zh: "配合检查的记录不能没有答案（answers 为空）", en: "a cooperated inspection needs answers ('answers' is empty)")
        }
        let inspectors = r.texts("inspectors", &d)
        if let inspectors, inspectors.isEmpty {
            d.error(r.place(of: "inspectors"), zh: "检查记录须列出检查人员（inspectors 为空）", en: "the findings must list the inspectors ('inspectors' is empty)")
        }
        let refusal = r.text("refusal_note", &d)
        if signature == .refused, (refusal?.value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            d.warning(r.place(of: "signature"), zh: "被检查对象拒绝签字，应在记录表上如实记录（refusal_note）",
                      en: "the entity refused to sign: record it faithfully in refusal_note")
        }
        let notes = r.notes(&d)
        let evidence = r.evidence(&d)
        let rectified = r.texts("rectified_on_site", &d) ?? []
        let methods = r.methods(&d)
        let assistants = r.assistants(&d)
        let submissionID = r.text("submission_id", &d)
        if let s = submissionID, let problem = SafeName.problem(s.value, what: LocalizedText(zh: "提交编号", en: "the submission id")) {
            d.error(s.place, zh: problem.zh, en: problem.en)
        }
        let plan = r.text("plan", &d), task = r.text("task", &d)
        guard d.errors.count == before, let department, let checklist, let inspected, let entity, let signature,
              let cooperation, let answers, let inspectors else { return nil }
        var f = Findings(path: document.path, entity: entity.row, entityPlace: entity.place, department: department,
                         checklist: checklist, inspectedOn: inspected.value, answers: answers, cooperation: cooperation,
                         signature: signature)
        f.inspectedOnPlace = inspected.place
        f.inspectors = inspectors
        f.inspectorsPlace = r.place(of: "inspectors")
        f.answersPlace = r.keyPlace(of: "answers")
        f.refusalNote = refusal?.value
        f.notes = notes
        f.evidence = evidence
        f.rectifiedOnSite = rectified
        f.methods = methods
        f.assistants = assistants
        f.submissionID = submissionID
        f.plan = plan
        f.task = task
        return f
    }
}
