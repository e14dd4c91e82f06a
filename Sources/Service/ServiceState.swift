import Foundation
import Messages
import Rulebook
import Spotcheck
import Store
import WorkingDays

/// What every route shares: the rule files, the store, one office per
/// jurisdiction (the same `CountyOffice` the command line uses), sessions
/// and the queue that writes submissions in groups.
public final class ServiceState: Sendable {
    public let configuration: ServiceConfiguration
    public let workspace: Workspace
    public let store: Store
    let offices: [String: CountyOffice]
    let sessions: Sessions
    let submissions: SubmissionQueue
    let pages: PageRenderer

    /// Loads the rule files under `configuration.root` and opens the store;
    /// fails with the diagnostics when either cannot be used.
    public convenience init(configuration: ServiceConfiguration) throws(LifecycleError) {
        let (loaded, diagnostics) = Workspace.load(root: configuration.root)
        guard let workspace = loaded else { throw LifecycleError(diagnostics.filter { $0.severity == .error }) }
        let store: Store
        do { store = try Store.open(configuration.store, mode: .open) } catch {
            throw LifecycleError(error, at: Place(path: configuration.store, line: 1, column: 1))
        }
        try self.init(configuration: configuration, workspace: workspace, store: store)
    }

    /// Over a workspace and a store already open (tests, the demo).
    public init(configuration: ServiceConfiguration, workspace: Workspace, store: Store) throws(LifecycleError) {
        self.configuration = configuration
        self.workspace = workspace
        self.store = store
        var offices: [String: CountyOffice] = [:]
        for j in workspace.rulebook.jurisdictions {
            offices[j.id] = try CountyOffice(workspace: workspace, store: store, jurisdiction: j.id)
        }
        self.offices = offices
        self.sessions = Sessions(store: store, throttle: LoginThrottle(allowed: configuration.loginFailuresAllowed, window: configuration.loginWindow),
                                 lifetime: configuration.sessionLifetime, bcryptCost: configuration.bcryptCost)
        self.submissions = SubmissionQueue(store: store)
        self.pages = PageRenderer(rulebook: workspace.rulebook)
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
