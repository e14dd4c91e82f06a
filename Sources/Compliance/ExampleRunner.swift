import Messages
import Rulebook
import WorkingDays

/// Runs a checklist's `examples`: each is evaluated like real findings and
/// must give exactly its expected violations (and statuses, where given).
public enum ExampleRunner {
    public struct Outcome: Sendable {
        public var checklist: String
        public var example: String
        public var place: Place
        /// Empty when the example passed.
        public var problems: [LocalizedText]
        public var passed: Bool { problems.isEmpty }
    }

    public static func run(_ interpreter: Interpreter) -> [Outcome] {
        var out: [Outcome] = []
        for c in interpreter.rulebook.checklists {
            for ex in c.examples { out.append(run(ex, of: c, interpreter)) }
        }
        return out
    }

    static func run(_ ex: ChecklistExample, of c: Checklist, _ interpreter: Interpreter) -> Outcome {
        let f = findings(of: ex, in: c)
        var d = Diagnostics()
        guard let e = interpreter.evaluate(f, diagnostics: &d) else {
            return Outcome(checklist: c.id, example: ex.name, place: ex.place,
                           problems: d.errors.map { LocalizedText(zh: "\($0.line):\($0.column): \($0.message.zh)", en: "\($0.line):\($0.column): \($0.message.en)") })
        }
        var problems: [LocalizedText] = []
        let want = ex.expectViolations.map(\.value)
        if e.violations != want {
            let got = e.violations.joined(separator: ", "), exp = want.joined(separator: ", ")
            problems.append(LocalizedText(zh: "违规应为 [\(exp)]，实为 [\(got)]", en: "violations should be [\(exp)], got [\(got)]"))
        }
        for (k, v) in ex.expectStatus {
            let got = e.items.first { $0.id == k.value }?.status.rawValue ?? "?"
            if got != v.value {
                problems.append(LocalizedText(zh: "事项“\(k.value)”状态应为 \(v.value)，实为 \(got)", en: "item '\(k.value)' should be \(v.value), got \(got)"))
            }
        }
        for item in e.items where item.status == .error {
            problems.append(LocalizedText(zh: "事项“\(item.id)”无法求值：\(item.message?.zh ?? "")", en: "item '\(item.id)' could not be evaluated: \(item.message?.en ?? "")"))
        }
        return Outcome(checklist: c.id, example: ex.name, place: ex.place, problems: problems)
    }

    /// The findings an example stands for: its answers and inspection, for
    /// an entity named after the example, inspected on a fixed day.
    static func findings(of ex: ChecklistExample, in c: Checklist) -> Findings {
        var entity: [String: Datum] = ["id": .string("EXAMPLE"), "name": .string(ex.name)]
        if case .map(let m)? = ex.entity { entity.merge(m) { $1 } }
        var f = Findings(path: ex.place.path, entity: entity, entityPlace: ex.place,
                         department: Located(c.department, ex.place), checklist: Located(c.id, ex.place),
                         inspectedOn: CivilDate(year: 2024, month: 6, day: 12)!, answers: ex.answers)
        if case .map(let m)? = ex.inspection {
            if case .string(let s)? = m["cooperation"], let co = Findings.Cooperation(rawValue: s) { f.cooperation = co }
            if case .string(let s)? = m["signature"], let sig = Findings.Signature(rawValue: s) { f.signature = sig }
        }
        return f
    }
}
