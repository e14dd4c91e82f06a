import Messages
import Spotcheck
import Store

/// Who may see and do what (SPEC.md §12): every route checks the role,
/// and every record reached checks its jurisdiction and department
/// against the caller's. A record of another jurisdiction is answered as
/// if it did not exist for the caller (403 on writes, absent from lists).
enum Access {
    /// The caller, who must hold one of `roles` (401 without a caller, 403 with another role).
    static func require(_ context: ServiceRequestContext, _ roles: AccountRole...) throws(ServiceError) -> Caller {
        let caller = try context.caller()
        guard roles.contains(caller.role) else {
            let names = roles.map { Self.roleName($0) }
            throw ServiceError.forbidden(zh: "此操作仅限\(names.map(\.zh).joined(separator: "、"))，当前账号是\(roleName(caller.role).zh)",
                                         en: "only \(names.map(\.en).joined(separator: " or ")) may do this; this account is \(roleName(caller.role).en)")
        }
        return caller
    }

    /// Whether the caller may see a drawn task: an inspector on one of its
    /// teams, the administrator of a department on it, the lead office of
    /// its jurisdiction.
    static func canSee(_ caller: Caller, task: TaskRecord, teams: [String: [String]]) -> Bool {
        guard caller.account.jurisdiction == task.jurisdiction else { return false }
        switch caller.role {
        case .inspector:
            guard let department = caller.account.department else { return false }
            return teams[department]?.contains(caller.id) ?? false
        case .departmentAdmin:
            guard let department = caller.account.department else { return false }
            return teams[department] != nil
        case .leadOffice: return true
        case .systemAdmin: return false
        }
    }

    /// A role as a page names it.
    static func roleLabel(_ role: AccountRole) -> LocalizedText {
        switch role {
        case .inspector: return LocalizedText(zh: "检查人员", en: "Inspector")
        case .departmentAdmin: return LocalizedText(zh: "部门管理员", en: "Department administrator")
        case .leadOffice: return LocalizedText(zh: "牵头办公室", en: "Lead office")
        case .systemAdmin: return LocalizedText(zh: "系统管理员", en: "System administrator")
        }
    }

    static func roleName(_ role: AccountRole) -> LocalizedText {
        switch role {
        case .inspector: return LocalizedText(zh: "检查人员", en: "an inspector")
        case .departmentAdmin: return LocalizedText(zh: "部门管理员", en: "a department administrator")
        case .leadOffice: return LocalizedText(zh: "牵头办公室", en: "the lead office")
        case .systemAdmin: return LocalizedText(zh: "系统管理员", en: "a system administrator")
        }
    }
}
