import Compliance
import Rulebook
import WorkingDays

/// Writes findings as a YAML file of SPEC.md §6, the form inspectors
/// submit; the demo writes its simulated findings this way so they go
/// through the same loader and checks as real ones.
public enum FindingsWriter {
    public struct Header {
        public var plan: String
        public var task: String
        public var entityID: String
        public var department: String
        public var checklist: String
        public var inspectedOn: CivilDate
        public var inspectors: [String]
        public init(plan: String, task: String, entityID: String, department: String, checklist: String,
                    inspectedOn: CivilDate, inspectors: [String]) {
            self.plan = plan; self.task = task; self.entityID = entityID; self.department = department
            self.checklist = checklist; self.inspectedOn = inspectedOn; self.inspectors = inspectors
        }
    }

    public static func yaml(_ h: Header, _ s: FindingsSimulator.Simulated, comment: String? = nil) -> String {
        var lines: [String] = []
        if let comment { lines.append("# " + comment) }
        lines.append("plan: \(scalar(.string(h.plan)))")
        lines.append("task: \(scalar(.string(h.task)))")
        lines.append("entity: \(scalar(.string(h.entityID)))")
        lines.append("department: \(h.department)")
        lines.append("checklist: \(h.checklist)")
        lines.append("inspected_on: \(h.inspectedOn)")
        lines.append("inspectors: [\(h.inspectors.map { scalar(.string($0)) }.joined(separator: ", "))]")
        lines.append("signature: \(s.signature.rawValue)")
        if let note = s.refusalNote { lines.append("refusal_note: \(scalar(.string(note)))") }
        lines.append("cooperation: \(s.cooperation.rawValue)")
        if s.answers.isEmpty {
            lines.append("answers: {}")
        } else {
            lines.append("answers:")
            for (id, v) in s.answers { lines.append("  \(id): \(scalar(v))") }
        }
        if !s.notes.isEmpty {
            lines.append("notes:")
            for (id, note) in s.notes.sorted(by: { $0.key < $1.key }) { lines.append("  \(id): \(scalar(.string(note)))") }
        }
        if !s.rectified.isEmpty { lines.append("rectified_on_site: [\(s.rectified.joined(separator: ", "))]") }
        if !s.methods.isEmpty { lines.append("methods: [\(s.methods.map(\.rawValue).joined(separator: ", "))]") }
        if !s.assistants.isEmpty {
            lines.append("assistants:")
            for a in s.assistants {
                lines.append("  - {name: \(scalar(.string(a.name))), organisation: \(scalar(.string(a.organisation)))}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same findings as JSON (what the service's API takes).
    public static func json(_ h: Header, _ s: FindingsSimulator.Simulated, submissionID: String? = nil) -> String {
        var o: [(String, JSONValue)] = []
        if let submissionID { o.append(("submission_id", .string(submissionID))) }
        o += [("plan", .string(h.plan)), ("task", .string(h.task)), ("entity", .string(h.entityID)), ("department", .string(h.department)),
              ("checklist", .string(h.checklist)), ("inspected_on", .string(h.inspectedOn.description)),
              ("inspectors", .array(h.inspectors.map { .string($0) })), ("signature", .string(s.signature.rawValue))]
        if let note = s.refusalNote { o.append(("refusal_note", .string(note))) }
        o.append(("cooperation", .string(s.cooperation.rawValue)))
        o.append(("answers", .object(s.answers.map { ($0.0, JSONValue($0.1)) })))
        if !s.notes.isEmpty { o.append(("notes", .object(s.notes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))) }
        if !s.rectified.isEmpty { o.append(("rectified_on_site", .array(s.rectified.map { .string($0) }))) }
        if !s.methods.isEmpty { o.append(("methods", .array(s.methods.map { .string($0.rawValue) }))) }
        if !s.assistants.isEmpty {
            o.append(("assistants", .array(s.assistants.map { .object([("name", .string($0.name)), ("organisation", .string($0.organisation))]) })))
        }
        return JSONValue.object(o).serialized(pretty: false)
    }

    /// A YAML scalar or flow collection that reads back as the same datum.
    static func scalar(_ d: Datum) -> String { FindingsTemplate.scalar(d) }
}
