import Foundation
import Messages
import Rulebook
import Spotcheck
import Store

/// Adding accounts (`spotcheck user add`, the demo): a role with its scope
/// checked against the rule files and the store, the password kept only
/// as a bcrypt hash. Adding an id that exists records a new version of it
/// (a new password, a new scope).
public enum Accounts {
    public struct Request: Sendable {
        public var id: String
        public var role: AccountRole
        public var jurisdiction: String?
        public var department: String?
        public var password: String

        public init(id: String, role: AccountRole, jurisdiction: String? = nil, department: String? = nil, password: String) {
            self.id = id; self.role = role; self.jurisdiction = jurisdiction; self.department = department; self.password = password
        }
    }

    /// The shortest password accepted.
    public static let shortestPassword = 8

    @discardableResult
    public static func add(_ r: Request, workspace: Workspace, store: Store, bcryptCost: UInt8 = 12, by actor: String) throws(LifecycleError) -> AccountRecord {
        let at = Place(path: store.location, line: 1, column: 1)
        let book = workspace.rulebook
        guard r.password.count >= shortestPassword else {
            throw LifecycleError(at, zh: "密码至少 \(shortestPassword) 个字符", en: "a password needs at least \(shortestPassword) characters")
        }
        var jurisdiction = ""
        if r.role != .systemAdmin {
            guard let j = r.jurisdiction, book.jurisdiction(j) != nil else {
                let known = book.jurisdictions.map(\.id).sorted()
                throw LifecycleError(at, zh: "请用 --jurisdiction 指定账号所属辖区（\(known.joined(separator: "、"))）",
                                     en: "give the account's jurisdiction with --jurisdiction (\(known.joined(separator: ", ")))")
            }
            jurisdiction = j
        }
        var department = r.department
        if r.role == .inspector {
            let row: DirectoryRowRecord?
            do { row = try store.directoryRow(.inspectors, jurisdiction: jurisdiction, key: r.id) } catch {
                throw LifecycleError(error, at: at)
            }
            guard let row, case .map(let m) = DatumJSON.decode(row.json) else {
                throw LifecycleError(at, zh: "检查人员账号的 id 须是本辖区执法检查人员名录中的 id，“\(r.id)”不在名录中（请先导入名录）",
                                     en: "an inspector account's id must be an id of the jurisdiction's inspector directory; '\(r.id)' is not in it (import the directory first)")
            }
            let listed = m["department"]?.display
            if let given = department, let listed, given != listed {
                throw LifecycleError(at, zh: "名录中“\(r.id)”属于部门“\(listed)”，不是“\(given)”", en: "the directory lists '\(r.id)' under department '\(listed)', not '\(given)'")
            }
            department = department ?? listed
        }
        if r.role == .inspector || r.role == .departmentAdmin {
            guard let d = department, book.department(d) != nil else {
                let known = book.departments.map(\.id)
                throw LifecycleError(at, zh: "请用 --department 指定部门（\(known.joined(separator: "、"))）",
                                     en: "give the department with --department (\(known.joined(separator: ", ")))")
            }
        } else {
            department = nil
        }
        let account = AccountRecord(accountID: r.id, jurisdiction: jurisdiction, role: r.role, department: department,
                                    passwordHash: Sessions.hash(r.password, cost: bcryptCost))
        do { return try store.saveAccount(account, by: actor) } catch { throw LifecycleError(error, at: at) }
    }
}
