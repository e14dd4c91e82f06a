import Foundation

/// Why the store refused a read or a write. Every refused write has left the
/// store as it was: each public write is one transaction.
public indirect enum StoreError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The database file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// A field is empty or malformed (e.g. a date that is not YYYY-MM-DD).
    case invalidField(field: String, value: String, reason: String)
    case unknownPlan(String)
    case unknownDraw(String)
    case unknownTask(String)
    case unknownSubmission(String)
    case unknownReferral(String)
    /// A directory import holds the same key twice.
    case duplicateDirectoryKey(directory: String, key: String)
    /// A submission id already stored with a different content.
    case conflictingResubmission(submissionID: String)
    /// A draw, task or referral id already stored with a different content.
    case conflictingRecord(kind: String, id: String)
    /// Two ids that must agree do not (a task's plan and its draw's plan, an evaluation and its submission …).
    case mismatch(kind: String, id: String, detail: String)
    /// An item of a batch was refused: nothing of the batch was written.
    case batchItem(index: Int, submissionID: String, error: StoreError)
    /// A stored row cannot be read back (edited outside the store).
    case corruptRow(table: String, id: String)
    /// SQLite refused the operation.
    case database(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "无法打开数据库 \(path)：\(reason) / cannot open the database \(path): \(reason)"
        case let .invalidField(field, value, reason):
            return "字段 \(field) 的值“\(value)”无效：\(reason) / invalid \(field) \"\(value)\": \(reason)"
        case let .unknownPlan(id):
            return "未知的抽查计划 \(id) / unknown plan \(id)"
        case let .unknownDraw(id):
            return "未知的抽取记录 \(id) / unknown draw \(id)"
        case let .unknownTask(id):
            return "未知的检查任务 \(id) / unknown task \(id)"
        case let .unknownSubmission(id):
            return "未知的检查结果提交 \(id) / unknown submission \(id)"
        case let .unknownReferral(id):
            return "未知的移送记录 \(id) / unknown referral \(id)"
        case let .duplicateDirectoryKey(directory, key):
            return "名录库 \(directory) 中主键 \(key) 重复，本次导入未生效 / duplicate key \(key) in directory \(directory): the import was not applied"
        case let .conflictingResubmission(id):
            return "提交编号 \(id) 已存在且内容不同；补充或更正请使用新的提交编号 / submission \(id) already exists with a different content; resubmit under a new submission id"
        case let .conflictingRecord(kind, id):
            return "\(kind) \(id) 已存在且内容不同 / \(kind) \(id) already exists with a different content"
        case let .mismatch(kind, id, detail):
            return "\(kind) \(id) 不一致：\(detail) / \(kind) \(id) does not match: \(detail)"
        case let .batchItem(index, id, error):
            return "批量导入第 \(index + 1) 条（\(id)）被拒绝，整批未写入：\(error.description) / batch item \(index + 1) (\(id)) refused, nothing of the batch was written: \(error.description)"
        case let .corruptRow(table, id):
            return "数据表 \(table) 中的记录 \(id) 无法读取 / row \(id) of table \(table) cannot be read"
        case let .database(message):
            return "数据库错误：\(message) / database error: \(message)"
        }
    }

    public var errorDescription: String? { description }
}
