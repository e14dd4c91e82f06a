import Messages

/// What is wrong with one place of the store, as `audit verify` finds it.
public struct AuditProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// An entry's fields no longer give its hash: the entry was edited.
        case editedEntry = "edited-entry"
        /// The sequence numbers jump: entries were deleted before this one.
        case missingEntries = "missing-entries"
        /// An entry does not link to the entry before it (deleted, inserted or reordered).
        case brokenLink = "broken-link"
        /// The chain ends before the last entry the store appended: its tail was deleted.
        case truncatedTail = "truncated-tail"
        /// A stored row no longer matches the entry that recorded it.
        case dataMismatch = "data-mismatch"
        /// A stored row has no audit entry.
        case unrecordedData = "unrecorded-data"
        /// An entry records a row that is no longer there: the row was deleted.
        case deletedData = "deleted-data"
        /// Rows counted by a digest (a directory's rows, a draw's tasks) changed.
        case digestMismatch = "digest-mismatch"
        /// A referral's present status is not the replay of its audited events.
        case statusMismatch = "status-mismatch"
    }

    public var jurisdiction: String
    /// The sequence number of the entry concerned; nil for a row no entry records.
    public var seq: Int?
    public var kind: Kind
    public var detail: LocalizedText

    public func text(_ language: Language) -> String {
        "[\(jurisdiction)] #\(seq.map(String.init) ?? "-") \(kind.rawValue): \(detail.text(language))"
    }
}

/// The result of `Store.verifyAudit()`.
public struct AuditReport: Sendable, Hashable {
    /// Entries per jurisdiction, and each chain's head as recomputed.
    public var chains: [AuditHead]
    public var problems: [AuditProblem]

    public var ok: Bool { problems.isEmpty }
    public var count: Int { chains.reduce(0) { $0 + $1.seq } }

    public func kinds() -> Set<AuditProblem.Kind> { Set(problems.map(\.kind)) }
}

extension Store {
    /// Recomputes every jurisdiction's hash chain and checks the data against
    /// it: every audited row has its entry and matches it, every entry's row
    /// is still there, every directory version and draw still has the rows
    /// its digest counted, every referral's status is the replay of its
    /// events. Reads only.
    public func verifyAudit() throws(StoreError) -> AuditReport {
        try backend.read { tx in
            var jurisdictions = Set(try tx.strings("SELECT DISTINCT jurisdiction FROM audit_log"))
            jurisdictions.formUnion(try tx.strings("SELECT jurisdiction FROM audit_heads"))
            for table in Schema.allAppendOnly where table != "directory_rows" && table != "audit_log" {
                jurisdictions.formUnion(try tx.strings("SELECT DISTINCT jurisdiction FROM \(table)"))
            }
            var chains: [AuditHead] = []
            var problems: [AuditProblem] = []
            for j in jurisdictions.sorted() {
                let entries = try tx.fetchAll(AuditEntry.self, "SELECT * FROM audit_log WHERE jurisdiction = ? ORDER BY seq", [.text(j)])
                let head = try tx.fetchOne(AuditHead.self, "SELECT * FROM audit_heads WHERE jurisdiction = ?", [.text(j)])
                problems += AuditCheck.chain(j, entries, head: head)
                problems += try AuditCheck.data(tx, j, entries)
                chains.append(AuditHead(jurisdiction: j, seq: entries.last?.seq ?? 0, hash: entries.last?.hash ?? AuditEntry.genesisHash))
            }
            let orphanRows = try tx.int("""
                SELECT COUNT(*) FROM directory_rows r WHERE NOT EXISTS (SELECT 1 FROM directory_imports i WHERE i.id = r.import_id)
                """) ?? 0
            if orphanRows > 0 {
                problems.append(AuditProblem(jurisdiction: "*", seq: nil, kind: .unrecordedData, detail: LocalizedText(
                    zh: "\(orphanRows) 行名录数据不属于任何导入记录", en: "\(orphanRows) directory rows belong to no import")))
            }
            return AuditReport(chains: chains, problems: problems)
        }
    }
}

/// The checks of `verifyAudit`, one concern each.
enum AuditCheck {
    static func chain(_ j: String, _ entries: [AuditEntry], head: AuditHead?) -> [AuditProblem] {
        var problems: [AuditProblem] = []
        var expectedSeq = 1
        var previousHash = AuditEntry.genesisHash
        for e in entries {
            if e.seq != expectedSeq {
                problems.append(AuditProblem(jurisdiction: j, seq: e.seq, kind: .missingEntries, detail: LocalizedText(
                    zh: "第 \(expectedSeq)–\(e.seq - 1) 条缺失", en: "entries \(expectedSeq)…\(e.seq - 1) are missing")))
            } else if e.previousHash != previousHash {
                problems.append(AuditProblem(jurisdiction: j, seq: e.seq, kind: .brokenLink, detail: LocalizedText(
                    zh: "未链接到上一条记录（上一条被改动、删除或顺序被调换）", en: "does not link to the entry before it (that entry was edited, deleted or moved)")))
            }
            if e.recomputedHash != e.hash {
                problems.append(AuditProblem(jurisdiction: j, seq: e.seq, kind: .editedEntry, detail: LocalizedText(
                    zh: "记录内容与其哈希不符，已被改动（\(e.action) \(e.subject)）", en: "the entry's fields no longer give its hash: it was edited (\(e.action) \(e.subject))")))
            }
            expectedSeq = e.seq + 1
            previousHash = e.hash
        }
        let lastSeq = entries.last?.seq ?? 0
        guard let head else {
            if !entries.isEmpty {
                problems.append(AuditProblem(jurisdiction: j, seq: nil, kind: .truncatedTail, detail: LocalizedText(zh: "审计链头记录缺失", en: "the chain's head is missing")))
            }
            return problems
        }
        if head.seq > lastSeq {
            problems.append(AuditProblem(jurisdiction: j, seq: lastSeq + 1, kind: .truncatedTail, detail: LocalizedText(
                zh: "第 \(lastSeq + 1)–\(head.seq) 条已被删除", en: "entries \(lastSeq + 1)…\(head.seq) were deleted from the end of the chain")))
        } else if head.seq < lastSeq {
            problems.append(AuditProblem(jurisdiction: j, seq: head.seq + 1, kind: .brokenLink, detail: LocalizedText(
                zh: "第 \(head.seq) 条之后的记录并非由本系统写入", en: "entries after \(head.seq) were not appended by the store")))
        } else if let last = entries.last, last.hash != head.hash {
            problems.append(AuditProblem(jurisdiction: j, seq: last.seq, kind: .editedEntry, detail: LocalizedText(
                zh: "最后一条与写入时不同", en: "the last entry differs from the one appended")))
        }
        return problems
    }

    static func data(_ tx: any StoreTransaction, _ j: String, _ entries: [AuditEntry]) throws -> [AuditProblem] {
        struct Key: Hashable { var action: String, subject: String }
        var recorded: [Key: [AuditEntry]] = [:]
        for e in entries { recorded[Key(action: e.action, subject: e.subject), default: []].append(e) }
        var problems: [AuditProblem] = []
        var seen = Set<Key>()

        func rows<R: AuditedRecord>(_ type: R.Type) throws -> [R] {
            let rows = try tx.fetchAll(R.self, R.allRowsSQL, [.text(j)])
            for row in rows {
                let key = Key(action: R.auditAction, subject: row.auditSubject)
                seen.insert(key)
                guard let candidates = recorded[key] else {
                    problems.append(AuditProblem(jurisdiction: j, seq: nil, kind: .unrecordedData, detail: LocalizedText(
                        zh: "\(R.auditAction) \(row.auditSubject) 没有审计记录", en: "\(R.auditAction) \(row.auditSubject) has no audit entry")))
                    continue
                }
                let sha = row.canonical.sha256
                if !candidates.contains(where: { $0.payloadSHA256 == sha }) {
                    problems.append(AuditProblem(jurisdiction: j, seq: candidates.last?.seq, kind: .dataMismatch, detail: LocalizedText(
                        zh: "\(R.auditAction) \(row.auditSubject) 与记录它的审计条目不符，数据已被改动",
                        en: "\(R.auditAction) \(row.auditSubject) no longer matches the entry that recorded it: it was edited")))
                }
            }
            return rows
        }

        let imports = try rows(DirectoryImportRecord.self)
        _ = try rows(PlanVersionRecord.self)
        let draws = try rows(DrawRecord.self)
        _ = try rows(ConfirmationRecord.self)
        _ = try rows(SubmissionRecord.self)
        _ = try rows(EvaluationRecord.self)
        let referrals = try rows(ReferralRecord.self)
        let events = try rows(ReferralEventRecord.self)
        _ = try rows(DisclosureRecord.self)
        _ = try rows(AccountRecord.self)
        _ = try rows(ChecklistVersionRecord.self)
        for e in try rows(EvidenceRecord.self) where sha256Hex(Array(e.bytes)) != e.sha256 || e.bytes.count != e.size {
            problems.append(AuditProblem(jurisdiction: j, seq: nil, kind: .dataMismatch, detail: LocalizedText(
                zh: "证据文件 \(e.sha256) 的内容与其哈希不符，已被改动", en: "evidence \(e.sha256) no longer has the content its hash names: it was edited")))
        }

        // Every entry's row is still there.
        for e in entries where !seen.contains(Key(action: e.action, subject: e.subject)) && AuditCheck.rowActions.contains(e.action) {
            problems.append(AuditProblem(jurisdiction: j, seq: e.seq, kind: .deletedData, detail: LocalizedText(
                zh: "审计记录的 \(e.action) \(e.subject) 已不在数据库中，数据已被删除", en: "\(e.action) \(e.subject), recorded here, is no longer in the store: it was deleted")))
        }
        // Digests of the rows an audited record owns.
        for i in imports {
            guard let id = i.id else { continue }
            // Read one row at a time, in key order: a version may hold millions.
            var count = 0
            let digest = try DirectoryRowsDigest.ofOrdered(count: i.rowCount) { line in
                try tx.forEachPair("SELECT key, json FROM directory_rows WHERE import_id = ? ORDER BY key", [.int(id)]) { key, json in
                    count += 1
                    line(key, json)
                }
            }
            if digest != i.rowsSHA256 || count != i.rowCount {
                problems.append(AuditProblem(jurisdiction: j, seq: nil, kind: .digestMismatch, detail: LocalizedText(
                    zh: "名录库 \(i.directory.rawValue) 第 \(i.version) 版的数据行被改动、增加或删除", en: "rows of \(i.directory.rawValue) version \(i.version) were edited, added or deleted")))
            }
        }
        var drawIDs = Set<String>()
        for d in draws {
            drawIDs.insert(d.id)
            let tasks = try tx.fetchAll(TaskRecord.self, "SELECT * FROM tasks WHERE draw_id = ?", [.text(d.id)])
            if RowDigest.tasks(tasks) != d.tasksSHA256 || tasks.count != d.taskCount {
                problems.append(AuditProblem(jurisdiction: j, seq: nil, kind: .digestMismatch, detail: LocalizedText(
                    zh: "抽取 \(d.id) 的任务被改动、增加或删除", en: "tasks of draw \(d.id) were edited, added or deleted")))
            }
        }
        for t in try tx.fetchAll(TaskRecord.self, "SELECT * FROM tasks WHERE jurisdiction = ?", [.text(j)]) where !drawIDs.contains(t.drawID) {
            problems.append(AuditProblem(jurisdiction: j, seq: nil, kind: .unrecordedData, detail: LocalizedText(
                zh: "任务 \(t.id) 不属于任何已审计的抽取", en: "task \(t.id) belongs to no audited draw")))
        }
        // Every referral's status is the replay of its events.
        var replayed: [String: ReferralEventRecord] = [:]
        for e in events { replayed[e.referralID] = e }
        let statuses = Dictionary(try tx.fetchAll(ReferralStatusRecord.self, "SELECT * FROM referral_status WHERE jurisdiction = ?", [.text(j)])
            .map { ($0.referralID, $0) }, uniquingKeysWith: { a, _ in a })
        for r in referrals {
            let last = replayed[r.id]
            let now = statuses[r.id]
            if last?.status != now?.status || last?.onDate != now?.statusOn || last?.id != now?.lastEventID {
                problems.append(AuditProblem(jurisdiction: j, seq: nil, kind: .statusMismatch, detail: LocalizedText(
                    zh: "移送 \(r.id) 的状态（\(now?.status.rawValue ?? "无")）与其审计事件（\(last?.status.rawValue ?? "无")）不符",
                    en: "referral \(r.id) is \(now?.status.rawValue ?? "without status") but its audited events say \(last?.status.rawValue ?? "nothing")")))
            }
        }
        return problems
    }

    /// The actions whose subject is a row that must still exist.
    static let rowActions: Set<String> = [DirectoryImportRecord.auditAction, PlanVersionRecord.auditAction, DrawRecord.auditAction,
                                          ConfirmationRecord.auditAction, SubmissionRecord.auditAction, EvaluationRecord.auditAction,
                                          ReferralRecord.auditAction, ReferralEventRecord.auditAction, DisclosureRecord.auditAction,
                                          AccountRecord.auditAction, EvidenceRecord.auditAction, ChecklistVersionRecord.auditAction]
}
