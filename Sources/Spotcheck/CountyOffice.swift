import Compliance
import Directories
import Draw
import Foundation
import Messages
import Rulebook
import Store
import WorkingDays

/// The spot-check lifecycle of one jurisdiction (a county) on a store
/// (SPEC.md §1, §9): directories in, plans drawn, lists confirmed, findings
/// submitted and evaluated, referrals followed, results disclosed,
/// statistics reported. Every operation reads and writes only this
/// jurisdiction's rows, and names who did it (`actor`: a user or a command).
/// The command line, the service and the demo all work through it.
public final class CountyOffice: Sendable {
    public let workspace: Workspace
    public let store: Store
    public let jurisdiction: Jurisdiction

    /// An office of `jurisdiction`, declared in `Rules/jurisdictions/`.
    public init(workspace: Workspace, store: Store, jurisdiction id: String) throws(LifecycleError) {
        guard let j = workspace.rulebook.jurisdiction(id) else {
            let known = workspace.rulebook.jurisdictions.map(\.id).sorted()
            let hint = Suggestion.closest(id, in: known)
            throw LifecycleError(Place(path: workspace.root + "/Rules/jurisdictions", line: 1, column: 1),
                                 zh: "没有辖区“\(id)”" + (hint.map { "（是否应为“\($0)”？）" } ?? "（已有：\(known.joined(separator: "、"))）"),
                                 en: "no jurisdiction '\(id)'" + (hint.map { " (did you mean '\($0)'?)" } ?? " (known: \(known.joined(separator: ", ")))"))
        }
        self.workspace = workspace
        self.store = store
        self.jurisdiction = j
    }

    public var rulebook: Rulebook { workspace.rulebook }
    public var id: String { jurisdiction.id }

    /// This jurisdiction's plans, by id.
    public var plans: [Plan] { rulebook.plans.filter { $0.jurisdiction == id }.sorted { $0.id < $1.id } }

    /// One of this jurisdiction's plans; another jurisdiction's is refused.
    public func plan(_ planID: String, at place: Place? = nil) throws(LifecycleError) -> Plan {
        let at = place ?? Place(path: workspace.root + "/Rules/plans", line: 1, column: 1)
        guard let plan = rulebook.plan(planID) else {
            let hint = Suggestion.closest(planID, in: plans.map(\.id))
            throw LifecycleError(at, zh: "没有抽查计划“\(planID)”" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                                 en: "no plan '\(planID)'" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        guard plan.jurisdiction == id else {
            throw LifecycleError(at, zh: "计划“\(planID)”属于辖区“\(plan.jurisdiction)”，不属于“\(id)”", en: "plan '\(planID)' belongs to jurisdiction '\(plan.jurisdiction)', not '\(id)'")
        }
        return plan
    }

    /// The body that performs a department's or authority's function here.
    public func name(of body: String, _ language: Language = .zh) -> String {
        rulebook.name(of: body, in: id, language)
    }

    // MARK: - Directory rows

    /// An entity of the current directory, as data.
    public func entity(_ key: String) throws(LifecycleError) -> [String: Datum]? {
        guard let r = try storeCall({ () throws(StoreError) in try store.directoryRow(.entities, jurisdiction: id, key: key) }),
              case .map(let m) = DatumJSON.decode(r.json) else { return nil }
        return m
    }

    public func inspector(_ key: String) throws(LifecycleError) -> [String: Datum]? {
        guard let r = try storeCall({ () throws(StoreError) in try store.directoryRow(.inspectors, jurisdiction: id, key: key) }),
              case .map(let m) = DatumJSON.decode(r.json) else { return nil }
        return m
    }

    /// The inspectors of each department on a task.
    public func teams(of task: TaskRecord) -> [String: [String]] { Self.stringLists(task.teamsJSON) }

    /// The checklists of each department on a task.
    public func checklists(of task: TaskRecord) -> [String: [String]] { Self.stringLists(task.checklistsJSON) }

    static func stringLists(_ json: String) -> [String: [String]] {
        guard case .map(let m) = DatumJSON.decode(json) else { return [:] }
        return m.compactMapValues { v in
            guard case .list(let l) = v else { return nil }
            return l.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
    }

    /// `n` working days after `day` on the rule files' calendar.
    public func addingWorkingDays(_ n: Int, to day: CivilDate, at place: Place) throws(LifecycleError) -> CivilDate {
        guard let calendar = rulebook.calendar else {
            throw LifecycleError(place, zh: "规则文件中没有节假日安排（Rules/calendar/）", en: "the rule files have no calendar (Rules/calendar/)")
        }
        do { return try calendar.addingWorkingDays(n, to: day) } catch {
            throw LifecycleError(place, zh: "无法计算期限：节假日安排未覆盖 \(day) 前后的年份", en: "cannot compute the deadline: the calendar does not cover the years around \(day)")
        }
    }

    /// A store call whose refusal becomes a lifecycle error.
    func storeCall<T>(_ body: () throws(StoreError) -> T, at place: Place? = nil) throws(LifecycleError) -> T {
        do { return try body() } catch {
            throw LifecycleError(error, at: place ?? Place(path: store.location, line: 1, column: 1))
        }
    }
}

/// Problems that stop a lifecycle step, as diagnostics.
public struct LifecycleError: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]
    /// What the store said when the store refused the step (a conflict, a
    /// record that does not exist …); `nil` when the step's own checks did.
    public var storeKind: StoreError.Kind?
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ place: Place, zh: String, en: String) { diagnostics = [Diagnostic(place, zh: zh, en: en)] }
    /// A store's refusal, at the place of what was refused.
    public init(_ error: StoreError, at place: Place) {
        diagnostics = [Diagnostic(path: place.path, line: place.line, column: place.column, error.message)]
        storeKind = error.kind
    }
    public var description: String { diagnostics.map { $0.formatted(.en) }.joined(separator: "\n") }
}
