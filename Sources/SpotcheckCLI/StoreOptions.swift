import ArgumentParser
import Foundation
import Messages
import Rulebook
import Spotcheck
import Store
import WorkingDays

/// Options of the commands that work on a store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The store: a SQLite file (e.g. spotcheck-demo/spotcheck.sqlite) or a postgresql:// URL.")
    var store: String

    @Option(help: "The jurisdiction (Rules/jurisdictions/); may be left out when only one is declared or the plan, task or store says which.")
    var jurisdiction: String?

    @Option(help: "Who records this (an official's name or id); default: the system user.")
    var by: String?

    /// The actor the store records: the command and who ran it.
    func actor(_ command: String) -> String {
        let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return "spotcheck \(command) (\(who))"
    }

    func open(_ common: CommonOptions, mode: Store.Mode = .open) throws -> Store {
        do { return try Store.open(store, mode: mode) } catch {
            Output.fail(.store(store), error.message, common.lang, code: 1)
        }
    }

    /// The jurisdiction a command acts for: as given; the plan's; the only
    /// one declared; the only one in the store. Anything else is a usage error.
    func jurisdictionID(_ ws: Workspace, store: Store, plan: String? = nil, _ common: CommonOptions) throws -> String {
        if let jurisdiction { return jurisdiction }
        if let plan, let p = ws.rulebook.plan(plan) { return p.jurisdiction }
        let declared = ws.rulebook.jurisdictions.map(\.id)
        if declared.count == 1 { return declared[0] }
        let stored = try store.jurisdictions()
        if stored.count == 1 { return stored[0] }
        throw ValidationError(common.lang == .zh ? "请用 --jurisdiction 指定辖区（\(declared.sorted().joined(separator: "、"))）"
                                                 : "say which jurisdiction with --jurisdiction (\(declared.sorted().joined(separator: ", ")))")
    }

    /// The jurisdictions a reading command covers: the one given, else every one in the store.
    func jurisdictionIDs(_ ws: Workspace, store: Store) throws -> [String] {
        if let jurisdiction { return [jurisdiction] }
        let stored = try store.jurisdictions()
        return stored.filter { ws.rulebook.jurisdiction($0) != nil }
    }

    func office(_ ws: Workspace, _ store: Store, _ jurisdiction: String, _ common: CommonOptions) throws -> CountyOffice {
        // Checklist versions published through the service are in force here too.
        do { return try CountyOffice(workspace: ws.applyingPublished(from: store), store: store, jurisdiction: jurisdiction) } catch {
            Output.diagnostics(error.diagnostics, common.lang)
            throw ExitCode(2)
        }
    }
}

extension Place {
    /// Where a store given on the command line is, for a diagnostic: never
    /// the password of a PostgreSQL URL (`Store.displayName(of:)`).
    static func store(_ location: String) -> Place {
        Place(path: Store.displayName(of: location), line: 1, column: 1)
    }
}

extension Diagnostic {
    /// The same diagnostic, its path shown as a store location when it is
    /// one (a library may place a store's refusal at the location as given).
    func redactingStore(_ location: String) -> Diagnostic {
        var d = self
        if d.path == location { d.path = Store.displayName(of: location) }
        return d
    }
}

/// A day given on the command line, or today in China.
func parseDay(_ text: String?, _ lang: Language) throws -> CivilDate {
    guard let text else { return CivilDate.todayInChina() }
    guard let d = CivilDate(text) else { throw ValidationError(lang == .zh ? "日期应为 YYYY-MM-DD：\(text)" : "dates are YYYY-MM-DD: \(text)") }
    return d
}

/// Runs a lifecycle step; its diagnostics go to stderr and exit 1.
func lifecycle<T>(_ lang: Language, _ body: () throws(LifecycleError) -> T) throws -> T {
    do { return try body() } catch {
        Output.diagnostics(error.diagnostics, lang)
        throw ExitCode(1)
    }
}
