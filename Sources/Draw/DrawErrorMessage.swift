import Messages

extension DrawError {
    /// What went wrong, in each language (the `description` is the English).
    public var message: LocalizedText {
        switch self {
        case .invalidNumber(let text, let source):
            return LocalizedText(zh: "第 \(source + 1) 个随机源：“\(text)”不是非负十进制整数", en: description)
        case .emptySource(let source):
            return LocalizedText(zh: "第 \(source + 1) 个随机源中没有数字", en: description)
        case .noSources:
            return LocalizedText(zh: "没有给出随机源", en: description)
        case .emptySeed:
            return LocalizedText(zh: "公布的种子字符串为空", en: description)
        case .countExceedsPool(let count, let pool):
            return LocalizedText(zh: "不能从 \(pool) 个中抽取 \(count) 个", en: description)
        case .negativeCount(let count):
            return LocalizedText(zh: "抽取数量不能为负（\(count)）", en: description)
        case .tooManySelectionsForRFC3797(let count):
            return LocalizedText(zh: "RFC 3797 以 16 位序号抽取，最多 65536 次，要求 \(count) 次", en: description)
        case .poolTooLarge(let size):
            return LocalizedText(zh: "抽取范围 \(size) 超过上限（\(Int32.max)）", en: description)
        case .duplicateID(let id, let pool):
            return LocalizedText(zh: "标识“\(id)”在 \(pool) 中重复", en: description)
        case .invalidRate(let stratum, let rate):
            return LocalizedText(zh: (stratum.map { "分层“\($0)”的" } ?? "") + "比例 \(rate) 不在 0 至 1 之间", en: description)
        case .noRateForStratum(let stratum):
            return LocalizedText(zh: "抽样规则没有给出分层“\(stratum)”的比例", en: description)
        case .teamTooSmall(let department, let perTeam):
            return LocalizedText(zh: "部门 \(department)：每组至少 2 人，计划要求 \(perTeam) 人", en: description)
        case .inspectorPoolTooSmall(let department, let pool, let perTeam):
            return LocalizedText(zh: "部门 \(department)：符合条件的检查人员 \(pool) 名，不足一组 \(perTeam) 人", en: description)
        case .duplicateDepartment(let department):
            return LocalizedText(zh: "部门 \(department) 重复列出", en: description)
        case .noTeamWithoutConflict(let entity, let department, let conflicts):
            let detail = conflicts.map { "第\($0.team)组：\($0.inspectors.joined(separator: "、"))" }.joined(separator: "；")
            return LocalizedText(zh: "对象 \(entity)：\(department) 的每个检查组都有须回避的人员（\(detail)）", en: description)
        case .noBalancedAssignment(let entity, let department, let capacity, let allowed, _):
            let teams = allowed.map { "第\($0)组" }.joined(separator: "、")
            return LocalizedText(zh: "对象 \(entity)：\(department) 可派的检查组（\(teams)）各已满 \(capacity) 项任务，重新分配也无法腾出", en: description)
        }
    }
}
