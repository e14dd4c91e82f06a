import Foundation
import Messages
import Rulebook
import Spotcheck
import Store
import Synchronization
import WorkingDays

/// What every route shares: the rule files, the store, one office per
/// jurisdiction (the same `CountyOffice` the command line uses), sessions
/// and the queue that writes submissions in groups.
public final class ServiceState: Sendable {
    public let configuration: ServiceConfiguration
    public let store: Store
    let sessions: Sessions
    let submissions: SubmissionQueue

    /// The rule set in force and what is built on it, replaced whole when a
    /// checklist is published (requests in flight keep the one they read).
    struct RuleSet: Sendable {
        var workspace: Workspace
        var offices: [String: CountyOffice]
        var pages: PageRenderer
    }
    private let current: Mutex<RuleSet>

    public var workspace: Workspace { current.withLock { $0.workspace } }
    var offices: [String: CountyOffice] { current.withLock { $0.offices } }
    var pages: PageRenderer { current.withLock { $0.pages } }

    /// Loads the rule files under `configuration.root` and opens the store;
    /// fails with the diagnostics when either cannot be used.
    public convenience init(configuration: ServiceConfiguration) throws(LifecycleError) {
        let store: Store
        do { store = try Store.open(configuration.store, mode: .open) } catch {
            throw LifecycleError(error, at: Place(path: configuration.store, line: 1, column: 1))
        }
        let (loaded, diagnostics) = Workspace.load(root: configuration.root, store: store)
        guard let workspace = loaded else { throw LifecycleError(diagnostics.filter { $0.severity == .error }) }
        try self.init(configuration: configuration, workspace: workspace, store: store)
    }

    /// Over a workspace and a store already open (tests, the demo).
    public init(configuration: ServiceConfiguration, workspace: Workspace, store: Store) throws(LifecycleError) {
        self.configuration = configuration
        self.store = store
        self.current = Mutex(try Self.ruleSet(workspace.applyingPublished(from: store), store: store))
        self.sessions = Sessions(store: store, throttle: LoginThrottle(allowed: configuration.loginFailuresAllowed, window: configuration.loginWindow),
                                 lifetime: configuration.sessionLifetime, bcryptCost: configuration.bcryptCost)
        self.submissions = SubmissionQueue(store: store)
    }

    private static func ruleSet(_ workspace: Workspace, store: Store) throws(LifecycleError) -> RuleSet {
        var offices: [String: CountyOffice] = [:]
        for j in workspace.rulebook.jurisdictions {
            offices[j.id] = try CountyOffice(workspace: workspace, store: store, jurisdiction: j.id)
        }
        return RuleSet(workspace: workspace, offices: offices, pages: PageRenderer(rulebook: workspace.rulebook))
    }

    /// Puts the checklist versions published in the store in force, without
    /// a restart; on failure the rule set in force stays.
    func reloadRules() throws(LifecycleError) {
        let base = workspace
        let (loaded, diagnostics) = Workspace.load(root: base.root, store: store)
        guard let loaded else { throw LifecycleError(diagnostics.filter { $0.severity == .error }) }
        let next = try Self.ruleSet(loaded, store: store)
        current.withLock { $0 = next }
    }

    /// The published texts the rule set in force was loaded with (path → text).
    func publishedTexts() throws(ServiceError) -> [String: String] {
        try lifecycle { () throws(LifecycleError) in try PublishedChecklists.texts(in: store) }
    }

    /// The day the service acts on: fixed by configuration, else today in China.
    public var today: CivilDate { configuration.fixedDay ?? CivilDate.todayInChina() }

    /// The office of a jurisdiction the caller acts in.
    func office(_ jurisdiction: String) throws(ServiceError) -> CountyOffice {
        guard let office = offices[jurisdiction] else {
            throw ServiceError.forbidden(zh: "账号所属辖区“\(jurisdiction)”不在规则文件中", en: "the account's jurisdiction '\(jurisdiction)' is not in the rule files")
        }
        return office
    }

    /// Every office, in the order of the rule files' ids.
    var allOffices: [CountyOffice] { offices.keys.sorted().compactMap { offices[$0] } }
}
