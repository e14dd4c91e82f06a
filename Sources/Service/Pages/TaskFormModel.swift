import Compliance
import Foundation
import Messages
import Rulebook
import Spotcheck
import WorkingDays

/// What the joint record form shows (SPEC §12): the task, the team, and
/// every item of the department's checklists with what it asks, filled
/// with what was entered so far. Relevance comes from the checklist's CEL
/// (`Interpreter.preview`), here for the first render and through
/// `/preview` as answers change.
struct TaskFormModel {
    struct Choice {
        var id: String
        var label: String
        var selected: Bool
    }
    struct Fact {
        var label: String
        var value: String
    }
    struct Assistant {
        var name: String
        var organisation: String
    }
    struct ItemView {
        var id: String
        var title: String
        var basis: String
        var unit: String
        var min: String
        var max: String
        var yesNo, number, integer, choice, date, text, computed, rule: Bool
        var options: [Choice]
        var isTrue, isFalse: Bool
        var value: String
        var required, keyItem: Bool
        var evidence: String
        var asksEvidence: Bool
        var needsEvidence: Bool
        var evidenceRefs: [Evidence]
        var note: String
        var rectified: Bool
        var hidden: Bool
        var failing: Bool
        var relevantNote: String
        var computedValue: String
    }
    struct Evidence {
        var reference: String
        var sha256: String
        var short: String
    }
    struct ChecklistView {
        var id: String
        var title: String
        var version: String
        var items: [ItemView]
    }

    var shell: PageShell
    var action: String
    var previewAction: String
    var draftKey: String
    var taskID: String
    var entityName: String
    var entityID: String
    var facts: [Fact]
    var planTitle: String
    var departmentName: String
    var windowFrom: String
    var windowTo: String
    var minOnSite: Int
    var inspectedOn: String
    var team: [Choice]
    var cooperations: [Choice]
    var signed: Bool
    var refused: Bool
    var refusalNote: String
    var methods: [Choice]
    var assistants: [Assistant]
    var submissionID: String
    var checklists: [ChecklistView]
    var problems: [String]
    var hasProblems: Bool

    /// The form of `task` for `department`, filled from `form` (empty on first view).
    init(task: VisibleTask, department: String, form: FindingsForm, problems: [String], state: ServiceState,
         office: CountyOffice, caller: Caller, language l: Language) throws {
        let t = UIText.table(l)
        let zh = l == .zh
        let book = office.rulebook
        let path = task.formPath(department)
        let plan = book.plan(task.record.planID)
        let entity = (try? office.entity(task.record.entityKey)) ?? [:]
        shell = PageShell(title: t["recordForm"]!, path: path, language: l, caller: caller, scripts: ["/static/form.js"])
        action = path
        previewAction = path + "/preview"
        draftKey = task.draftKey(department, caller)
        taskID = task.record.id
        entityName = task.record.entityName
        entityID = task.record.entityKey
        facts = entity.keys.sorted().filter { $0 != "id" && $0 != "name" }.map { Fact(label: $0, value: entity[$0].map(Self.text) ?? "") }
        planTitle = plan.map { zh ? $0.title : ($0.titleEN ?? $0.title) } ?? task.record.planID
        departmentName = office.name(of: department, l)
        windowFrom = plan.map { $0.window.lowerBound.description } ?? ""
        windowTo = plan.map { min($0.window.upperBound, state.today).description } ?? ""
        minOnSite = plan?.minOnSite ?? 2
        inspectedOn = form.value("inspected_on") ?? state.today.description
        let drawn = task.teams[department] ?? []
        let chosen = form.fields.isEmpty ? Set(drawn) : Set(form.values("inspectors"))
        team = drawn.map { id in
            let row = (try? office.inspector(id)) ?? nil
            let name = row.flatMap { if case .string(let s)? = $0["name"] { return s } else { return nil } }
            return Choice(id: id, label: name.map { "\($0)（\(id)）" } ?? id, selected: chosen.contains(id))
        }
        let cooperation = form.value("cooperation") ?? Findings.Cooperation.cooperated.rawValue
        cooperations = Findings.Cooperation.allCases.map { Choice(id: $0.rawValue, label: t["cooperation." + $0.rawValue] ?? $0.rawValue,
                                                                    selected: $0.rawValue == cooperation) }
        refused = form.value("signature") == Findings.Signature.refused.rawValue
        signed = !refused
        refusalNote = form.value("refusal_note") ?? ""
        let usedMethods = Set(form.values("methods"))
        methods = InspectionMethod.allCases.map { Choice(id: $0.rawValue, label: $0.label.text(l), selected: usedMethods.contains($0.rawValue)) }
        let names = form.values("assistant_name"), orgs = form.values("assistant_organisation")
        assistants = (0..<max(2, names.count)).map { i in
            Assistant(name: i < names.count ? names[i] : "", organisation: i < orgs.count ? orgs[i] : "")
        }
        submissionID = form.value("submission_id").flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString.lowercased()
        var views: [ChecklistView] = []
        for id in task.checklists[department] ?? [] {
            guard let c = book.checklist(id) else { continue }
            let preview = office.workspace.interpreter.preview(form.draft(c, task: task, entity: entity, department: department, today: state.today),
                                                               language: l)
            let byID = Dictionary(uniqueKeysWithValues: (preview?.items ?? []).map { ($0.id, $0) })
            views.append(ChecklistView(id: c.id, title: zh ? c.title : (c.titleEN ?? c.title), version: c.version,
                                       items: c.items.map { Self.item($0, byID[$0.id], form: form, t: t, language: l) }))
        }
        checklists = views
        self.problems = problems
        hasProblems = !problems.isEmpty
    }

    static func item(_ item: ChecklistItem, _ preview: ChecklistPreview.Item?, form: FindingsForm, t: [String: String], language l: Language) -> ItemView {
        let zh = l == .zh
        let answer = form.value("answers." + item.id) ?? ""
        let refs = form.values("evidence." + item.id).filter { $0.hasPrefix("sha256:") }.map { ref -> Evidence in
            let hex = String(ref.dropFirst("sha256:".count))
            return Evidence(reference: ref, sha256: hex, short: String(hex.prefix(12)))
        }
        func number(_ x: Double?) -> String {
            guard let x else { return "" }
            return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        }
        return ItemView(
            id: item.id, title: zh ? item.title : (item.titleEN ?? item.title), basis: item.basis ?? "", unit: item.unit ?? "",
            min: number(item.range?.lowerBound), max: number(item.range?.upperBound),
            yesNo: item.answer == .yesNo, number: item.answer == .number, integer: item.answer == .integer,
            choice: item.answer == .choice, date: item.answer == .date, text: item.answer == .text || item.answer == .photo,
            computed: item.compute != nil, rule: item.isRule,
            options: item.options.map { Choice(id: $0, label: $0, selected: $0 == answer) },
            isTrue: answer == "true", isFalse: answer == "false", value: answer,
            required: item.required, keyItem: item.keyItem,
            evidence: item.evidence.map { t["evidence." + $0] ?? $0 } ?? "", asksEvidence: item.evidence != nil,
            needsEvidence: preview?.needsEvidence ?? false, evidenceRefs: refs,
            note: form.value("notes." + item.id) ?? "", rectified: form.values("rectified_on_site").contains(item.id),
            hidden: preview?.status == .notApplicable, failing: preview?.status == .fail,
            relevantNote: (zh ? item.relevantNote : (item.relevantNoteEN ?? item.relevantNote)) ?? "",
            computedValue: preview?.value ?? "—")
    }

    static func text(_ d: Datum) -> String {
        switch d {
        case .string(let s): return s
        case .list(let l): return l.map(text).joined(separator: "、")
        case .date(let y, let m, let day): return String(format: "%04d-%02d-%02d", y, m, day)
        default: return d.display
        }
    }
}
