import Foundation
import Messages
import Rulebook
import WorkingDays

/// Reads a findings file (YAML, or JSON, which YAML also reads) with the
/// place of every field, so a wrong answer is reported at its line and column.
public enum FindingsLoader {
    public static let keys = ["submission_id", "plan", "task", "entity", "department", "checklist", "inspected_on", "inspectors",
                       "signature", "refusal_note", "cooperation", "answers", "notes", "evidence", "rectified_on_site"]

    /// Looks up an entity given by id (`entity: "9113…"`); nil when unknown.
    public typealias EntityLookup = @Sendable (String) -> [String: Datum]?

    public static func read(path: String, entities: EntityLookup?, diagnostics d: inout Diagnostics) -> Findings? {
        guard let file = YAMLFile.read(path: path, diagnostics: &d) else { return nil }
        return load(file, entities: entities, diagnostics: &d)
    }

    public static func load(_ file: YAMLFile, entities: EntityLookup?, diagnostics d: inout Diagnostics) -> Findings? {
        guard let doc = DocumentReader(file, allowed: keys, what: LocalizedText(zh: "检查记录", en: "a findings file"), diagnostics: &d) else { return nil }
        let before = d.errors.count
        let department = doc.string("department", required: true, &d)
        let checklist = doc.string("checklist", required: true, &d)
        let date = doc.date("inspected_on", &d)
        var entity: [String: Datum]?
        let entityPlace = doc.place(of: "entity") ?? doc.rootPlace
        switch doc.datum("entity") {
        case .map(let m)?:
            entity = m
            if m["id"] == nil { d.error(entityPlace, zh: "被检查对象缺少 id（统一社会信用代码）", en: "the entity has no id (unified social credit code)") }
        case .string(let id)?:
            if let found = entities?(id) { entity = found } else if entities == nil {
                d.error(entityPlace, zh: "以 id 给出被检查对象时须提供检查对象名录库（--entities）", en: "an entity given by id needs the entity directory (--entities)")
            } else {
                d.error(entityPlace, zh: "检查对象名录库中没有 id 为“\(id)”的对象", en: "no entity with id '\(id)' in the entity directory")
            }
        case nil: d.error(doc.rootPlace, zh: "缺少必填的键“entity”", en: "missing required key 'entity'")
        default: d.error(entityPlace, zh: "entity 应为映射或 id", en: "entity must be a mapping or an id")
        }
        let signature = doc.enumValue("signature", Findings.Signature.self, default: .signed, &d)
        let cooperation = doc.enumValue("cooperation", Findings.Cooperation.self, default: .cooperated, &d)
        let answers = doc.entries("answers", &d) ?? []
        var notes: [String: String] = [:]
        for (k, v) in doc.entries("notes", &d) ?? [] { notes[k.value] = v.value.display }
        var evidence: [String: [String]] = [:]
        for (k, v) in doc.entries("evidence", &d) ?? [] {
            switch v.value {
            case .list(let l): evidence[k.value] = l.map(\.display)
            case .string(let s): evidence[k.value] = [s]
            default: d.error(v.place, zh: "证据应为文件路径列表", en: "evidence must be a list of file paths")
            }
        }
        let refusal = doc.string("refusal_note", required: false, &d)
        if signature == .refused, (refusal?.value ?? "").isEmpty {
            d.warning(doc.place(of: "signature") ?? doc.rootPlace, zh: "被检查对象拒绝签字，应在记录表上如实记录（refusal_note）",
                      en: "the entity refused to sign: record it faithfully in refusal_note")
        }
        guard d.errors.count == before, let department, let checklist, let date, let entity else { return nil }
        var f = Findings(path: file.path, entity: entity, entityPlace: entityPlace, department: department, checklist: checklist,
                         inspectedOn: date, answers: answers, cooperation: cooperation, signature: signature)
        f.submissionID = doc.string("submission_id", required: false, &d)?.value
        f.plan = doc.string("plan", required: false, &d)?.value
        f.task = doc.string("task", required: false, &d)?.value
        f.inspectors = doc.strings("inspectors", &d)
        f.refusalNote = refusal?.value
        f.notes = notes
        f.evidence = evidence
        f.rectifiedOnSite = doc.strings("rectified_on_site", &d)
        return f
    }
}
