import Messages

/// Why the store refused a read or a write, as data (a kind and what it
/// concerns), with its message in both languages for whoever prints it.
/// Every refused write has left the store as it was: each public write is
/// one transaction.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The store cannot be opened or created.
        case cannotOpen = "cannot-open"
        /// The file or database exists but is not a Spotcheck store (or one of another format version).
        case notAStore = "not-a-store"
        /// A field is empty or malformed.
        case invalidField = "invalid-field"
        /// A plan, draw, task, submission or referral the write names does not exist.
        case unknown
        /// The same id is already stored with another content.
        case conflict
        /// Two ids that must agree do not (a task's plan and its draw's plan …).
        case mismatch
        /// The write is not allowed in the record's present state (a referral already closed …).
        case notAllowed = "not-allowed"
        /// An item of a batch was refused: nothing of the batch was written.
        case batchItem = "batch-item"
        /// A stored row cannot be read back (edited outside the store).
        case corruptRow = "corrupt-row"
        /// The database refused the operation.
        case database
    }

    public var kind: Kind
    public var message: LocalizedText

    public init(_ kind: Kind, zh: String, en: String) {
        self.kind = kind
        self.message = LocalizedText(zh: zh, en: en)
    }

    public var description: String { message.en }

    static func unknown(_ what: LocalizedText, _ id: String) -> StoreError {
        StoreError(.unknown, zh: "没有\(what.zh)“\(id)”", en: "no \(what.en) '\(id)'")
    }

    static func conflict(_ what: LocalizedText, _ id: String) -> StoreError {
        StoreError(.conflict, zh: "\(what.zh)“\(id)”已存在且内容不同", en: "\(what.en) '\(id)' already exists with a different content")
    }

    static func invalid(_ field: String, _ value: String, zh: String, en: String) -> StoreError {
        StoreError(.invalidField, zh: "字段 \(field) 的值“\(value)”无效：\(zh)", en: "invalid \(field) '\(value)': \(en)")
    }

    static func database(_ detail: String) -> StoreError {
        StoreError(.database, zh: "数据库错误：\(detail)", en: "database error: \(detail)")
    }
}

/// What records are called in messages.
enum Noun {
    static let plan = LocalizedText(zh: "抽查计划", en: "plan")
    static let draw = LocalizedText(zh: "抽取记录", en: "draw")
    static let task = LocalizedText(zh: "检查任务", en: "task")
    static let submission = LocalizedText(zh: "检查结果提交", en: "submission")
    static let referral = LocalizedText(zh: "移送记录", en: "referral")
    static let account = LocalizedText(zh: "账号", en: "account")
}
