import Foundation
import Spotcheck
import Store

/// Accounts for trying the service on the demo's store: per jurisdiction
/// its lead office, an administrator of every department that joins one
/// of its plans, and one inspector of each such department taken from the
/// first drawn team it is on. Passwords are random and printed once; this
/// is for a demonstration store, never for a county's real one.
public enum DemoAccounts {
    public struct Account: Sendable {
        public var id: String
        public var role: AccountRole
        public var jurisdiction: String
        public var department: String?
        public var password: String
    }

    public static func create(workspace: Workspace, store: Store, by actor: String) throws(LifecycleError) -> [Account] {
        var accounts: [Account] = []
        for j in workspace.rulebook.jurisdictions.sorted(by: { $0.id < $1.id }) {
            let office = try CountyOffice(workspace: workspace, store: store, jurisdiction: j.id)
            let departments = Set(office.plans.flatMap(\.departments)).sorted()
            accounts.append(Account(id: "lead-\(j.id)", role: .leadOffice, jurisdiction: j.id, department: nil, password: password()))
            let tasks: [TaskRecord]
            do { tasks = try store.tasks(jurisdiction: j.id) } catch { throw LifecycleError(error, at: .init(path: "tasks", line: 1, column: 1)) }
            for department in departments {
                accounts.append(Account(id: "admin-\(j.id)-\(department)", role: .departmentAdmin, jurisdiction: j.id, department: department,
                                        password: password()))
                if let inspector = tasks.lazy.compactMap({ office.teams(of: $0)[department]?.first }).first {
                    accounts.append(Account(id: inspector, role: .inspector, jurisdiction: j.id, department: department, password: password()))
                }
            }
        }
        for a in accounts {
            _ = try Accounts.add(.init(id: a.id, role: a.role, jurisdiction: a.jurisdiction, department: a.department, password: a.password),
                                 workspace: workspace, store: store, bcryptCost: 10, by: actor)
        }
        return accounts
    }

    /// Twelve letters and digits from the system's random source.
    static func password() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
