import Compliance
import Foundation
import Messages
import Rulebook
import Spotcheck
import WorkingDays

/// The inspector's joint record form as submitted (SPEC §12's input
/// names), turned into findings: one §6 JSON document per checklist of the
/// department, which then go through the same strict reading and
/// evaluation as a document posted to the API. Answers are typed by their
/// item; an answer that does not parse is passed on as written, so the
/// reader names it rather than the form losing it.
struct FindingsForm: Sendable {
    /// Fields in the order the browser sent them (names repeat for checkboxes).
    let fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// Reads an `application/x-www-form-urlencoded` body.
    init(urlEncoded bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }
    func value(_ name: String) -> String? {
        fields.first { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The answer to `item` as data, nil when left empty.
    func answer(_ item: ChecklistItem) -> Datum? {
        guard let text = value("answers." + item.id), !text.isEmpty, let type = item.answer else { return nil }
        switch type {
        case .yesNo: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        case .number: return Double(text).map(Datum.double) ?? .string(text)
        case .integer: return Int64(text).map { .int(Int($0)) } ?? .string(text)
        case .date:
            if let d = CivilDate(text) { return .date(year: d.year, month: d.month, day: d.day) }
            return .string(text)
        case .text, .choice, .photo: return .string(text)
        }
    }

    /// The answers of one checklist, leaving out the items in `skip`.
    func answers(_ c: Checklist, skipping skip: Set<String> = []) -> [(key: Located<String>, value: Located<Datum>)] {
        c.items.compactMap { item in
            guard !skip.contains(item.id), let datum = answer(item) else { return nil }
            return (Located(item.id, Self.place), Located(datum, Self.place))
        }
    }

    /// Where a form field stands, for the findings model (a form has no lines).
    static let place = Place(path: "form", line: 1, column: 1)

    /// The findings of one checklist, for the preview (nothing refused).
    func draft(_ c: Checklist, task: VisibleTask, entity: [String: Datum], department: String, today: CivilDate) -> Findings {
        var f = Findings(path: "form", entity: entity, entityPlace: Self.place, department: Located(department, Self.place),
                         checklist: Located(c.id, Self.place), inspectedOn: value("inspected_on").flatMap(CivilDate.init) ?? today,
                         answers: answers(c),
                         cooperation: value("cooperation").flatMap(Findings.Cooperation.init) ?? .cooperated,
                         signature: value("signature").flatMap(Findings.Signature.init) ?? .signed)
        f.plan = Located(task.record.planID, Self.place)
        f.task = Located(task.record.id, Self.place)
        f.inspectors = values("inspectors").map { Located($0, Self.place) }
        return f
    }

    /// The findings of one checklist as the §6 JSON document submitted.
    /// Items the checklist's skip logic made irrelevant are left out, with
    /// their notes and evidence (the page hides them; a browser without
    /// scripts may still send them).
    func document(_ c: Checklist, task: VisibleTask, department: String, skipping skip: Set<String>) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("plan", .string(task.record.planID)),
            ("task", .string(task.number)),
            ("entity", .string(task.record.entityKey)),
            ("department", .string(department)),
            ("checklist", .string(c.id)),
        ]
        if let id = value("submission_id"), !id.isEmpty { fields.append(("submission_id", .string(id + "." + c.id))) }
        fields.append(("inspected_on", .string(value("inspected_on") ?? "")))
        fields.append(("inspectors", .array(values("inspectors").map(JSONValue.string))))
        fields.append(("cooperation", .string(value("cooperation") ?? "")))
        fields.append(("signature", .string(value("signature") ?? "")))
        if let note = value("refusal_note"), !note.isEmpty { fields.append(("refusal_note", .string(note))) }
        let methods = values("methods")
        if !methods.isEmpty { fields.append(("methods", .array(methods.map(JSONValue.string)))) }
        let assistants = zip(values("assistant_name"), values("assistant_organisation")).filter { !$0.0.isEmpty || !$0.1.isEmpty }
        if !assistants.isEmpty {
            fields.append(("assistants", .array(assistants.map { .object([("name", .string($0.0)), ("organisation", .string($0.1))]) })))
        }
        fields.append(("answers", .object(answers(c, skipping: skip).map { ($0.key.value, JSONValue($0.value.value)) })))
        let own = c.items.filter { !skip.contains($0.id) }
        let notes = own.compactMap { item in value("notes." + item.id).flatMap { $0.isEmpty ? nil : (item.id, JSONValue.string($0)) } }
        if !notes.isEmpty { fields.append(("notes", .object(notes))) }
        let evidence = own.compactMap { item -> (String, JSONValue)? in
            let files = values("evidence." + item.id).filter { !$0.isEmpty }
            return files.isEmpty ? nil : (item.id, .array(files.map(JSONValue.string)))
        }
        if !evidence.isEmpty { fields.append(("evidence", .object(evidence))) }
        let rectified = values("rectified_on_site").filter { id in own.contains { $0.id == id } }
        if !rectified.isEmpty { fields.append(("rectified_on_site", .array(rectified.map(JSONValue.string)))) }
        return .object(fields)
    }
}
