import GRDB

extension Store {
    /// Appends an entry to the audit log, inside the caller's transaction.
    @discardableResult
    func appendAudit(_ db: Database, action: String, subject: String, payload: Canonical) throws -> AuditEntry {
        guard let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1") else {
            throw StoreError.corruptRow(table: "audit_head", id: "1")
        }
        let seq = try head.decode(Int.self, forColumn: "seq") + 1
        let previousHash: String = try head.decode(forColumn: "hash")
        let at = clock()
        let payloadSHA256 = payload.sha256
        let hash = AuditEntry.computeHash(previousHash: previousHash, seq: seq, at: at, action: action,
                                          subject: subject, payloadSHA256: payloadSHA256)
        let entry = AuditEntry(seq: seq, at: at, action: action, subject: subject, payloadSHA256: payloadSHA256,
                               previousHash: previousHash, hash: hash)
        try db.execute(sql: """
            INSERT INTO audit_log (seq, at, action, subject, payload_sha256, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, at, action, subject, payloadSHA256, previousHash, hash])
        try db.execute(sql: "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", arguments: [seq, hash])
        return entry
    }

    /// The audit log, in order.
    public func auditEntries() throws -> [AuditEntry] {
        try read { db in try Self.fetchAuditEntries(db) }
    }

    /// Recomputes the hash chain and checks the stored rows against the
    /// entries that recorded them. Finds an edited entry (any field), deleted
    /// entries (a gap in the sequence, a broken link, a truncated tail), a
    /// reordered entry, and a draw, task, submission, evaluation, disclosure,
    /// plan version or directory import edited after it was recorded.
    public func verifyAudit() throws -> AuditReport {
        try read { db in
            let entries = try Self.fetchAuditEntries(db)
            var problems = Self.chainProblems(entries)
            if let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1") {
                let headSeq: Int = try head.decode(forColumn: "seq")
                let headHash: String = try head.decode(forColumn: "hash")
                let lastSeq = entries.last?.seq ?? 0
                if headSeq > lastSeq {
                    problems.append(AuditProblem(seq: lastSeq + 1, kind: .truncatedTail, detail:
                        "第 \(lastSeq + 1)–\(headSeq) 条已被删除 / entries \(lastSeq + 1)…\(headSeq) were deleted from the end of the log"))
                } else if headSeq < lastSeq {
                    problems.append(AuditProblem(seq: headSeq + 1, kind: .brokenLink, detail:
                        "第 \(headSeq + 1) 条之后的记录并非由本系统写入 / entries after \(headSeq) were not appended by the store"))
                } else if let last = entries.last, last.hash != headHash {
                    problems.append(AuditProblem(seq: last.seq, kind: .editedEntry, detail:
                        "最后一条与写入时不同 / the last entry differs from the one appended"))
                }
            } else {
                problems.append(AuditProblem(seq: nil, kind: .truncatedTail, detail:
                    "审计日志头记录缺失 / the audit head is missing"))
            }
            problems += try Self.dataProblems(db, entries: entries)
            return AuditReport(count: entries.count, problems: problems)
        }
    }

    static func fetchAuditEntries(_ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq").map { row in
            AuditEntry(seq: try row.decode(forColumn: "seq"), at: try row.decode(forColumn: "at"),
                       action: try row.decode(forColumn: "action"), subject: try row.decode(forColumn: "subject"),
                       payloadSHA256: try row.decode(forColumn: "payload_sha256"),
                       previousHash: try row.decode(forColumn: "previous_hash"), hash: try row.decode(forColumn: "hash"))
        }
    }

    static func chainProblems(_ entries: [AuditEntry]) -> [AuditProblem] {
        var problems: [AuditProblem] = []
        var expectedSeq = 1
        var previousHash = AuditEntry.genesisHash
        for entry in entries {
            if entry.seq != expectedSeq {
                let detail = entry.seq > expectedSeq
                    ? "第 \(expectedSeq)–\(entry.seq - 1) 条缺失 / entries \(expectedSeq)…\(entry.seq - 1) are missing"
                    : "序号 \(entry.seq) 不在预期位置 / seq \(entry.seq) out of order"
                problems.append(AuditProblem(seq: entry.seq, kind: .missingEntries, detail: detail))
            } else if entry.previousHash != previousHash {
                problems.append(AuditProblem(seq: entry.seq, kind: .brokenLink, detail:
                    "未链接到上一条记录（上一条被改动、删除或顺序被调换）/ does not link to the entry before it (that entry was edited, deleted or moved)"))
            }
            if entry.recomputedHash != entry.hash {
                problems.append(AuditProblem(seq: entry.seq, kind: .editedEntry, detail:
                    "记录内容与其哈希不符，记录已被改动 / the entry's fields no longer give its hash: it was edited (\(entry.action) \(entry.subject))"))
            }
            expectedSeq = entry.seq + 1
            previousHash = entry.hash
        }
        return problems
    }

    /// Each stored row against the audit entry that recorded it.
    static func dataProblems(_ db: Database, entries: [AuditEntry]) throws -> [AuditProblem] {
        struct Key: Hashable { var action: String, subject: String }
        var recorded: [Key: [AuditEntry]] = [:]
        for entry in entries { recorded[Key(action: entry.action, subject: entry.subject), default: []].append(entry) }

        var problems: [AuditProblem] = []
        func check(_ action: String, _ subject: String, _ canonical: Canonical, what: String) {
            guard let candidates = recorded[Key(action: action, subject: subject)] else {
                problems.append(AuditProblem(seq: nil, kind: .unrecordedData, detail:
                    "\(what) 没有审计记录 / \(what) has no audit entry"))
                return
            }
            let sha = canonical.sha256
            if !candidates.contains(where: { $0.payloadSHA256 == sha }) {
                problems.append(AuditProblem(seq: candidates.last?.seq, kind: .dataMismatch, detail:
                    "\(what) 与记录它的审计条目不符，数据已被改动 / \(what) no longer matches the entry that recorded it: it was edited"))
            }
        }

        for row in try Row.fetchAll(db, sql: "SELECT * FROM submissions ORDER BY rowid") {
            let s = try storedSubmission(row)
            check("submission.store", s.submissionID, s.canonical, what: "submission \(s.submissionID)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM evaluations ORDER BY id") {
            let id: Int64 = try row.decode(forColumn: "id")
            let e = try evaluationRecord(row)
            check("evaluation.record", "evaluation/\(id)", e.canonical, what: "evaluation \(id)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM draws ORDER BY id") {
            let d = DrawRecord(id: try row.decode(forColumn: "id"), planID: try row.decode(forColumn: "plan_id"),
                               seed: try row.decode(forColumn: "seed"),
                               certificateJSON: try row.decode(forColumn: "certificate_json"),
                               createdAt: try row.decode(forColumn: "created_at"))
            check("draw.record", d.id, d.canonical, what: "draw \(d.id)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM tasks ORDER BY id") {
            let t = TaskRecord(id: try row.decode(forColumn: "id"), drawID: try row.decode(forColumn: "draw_id"),
                               planID: try row.decode(forColumn: "plan_id"),
                               entityKey: try row.decode(forColumn: "entity_key"),
                               teamsJSON: try row.decode(forColumn: "teams_json"),
                               checklistsJSON: try row.decode(forColumn: "checklists_json"),
                               confirmedDue: try row.decode(forColumn: "confirmed_due"))
            check("task.record", t.id, t.canonical, what: "task \(t.id)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM task_confirmations ORDER BY task_id, department") {
            let c = TaskConfirmation(taskID: try row.decode(forColumn: "task_id"), department: try row.decode(forColumn: "department"),
                                     confirmedOn: try row.decode(forColumn: "confirmed_on"))
            check("task.confirm", "\(c.taskID)/\(c.department)", c.canonical, what: "confirmation \(c.taskID)/\(c.department)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM disclosures ORDER BY id") {
            let id: Int64 = try row.decode(forColumn: "id")
            let d = DisclosureRecord(taskID: try row.decode(forColumn: "task_id"),
                                     planID: try row.decode(forColumn: "plan_id"),
                                     publishedOn: try row.decode(forColumn: "published_on"),
                                     json: try row.decode(forColumn: "json"))
            check("disclosure.record", "disclosure/\(id)", d.canonical, what: "disclosure \(id)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM plan_versions ORDER BY plan_id, version") {
            let planID: String = try row.decode(forColumn: "plan_id")
            let version: Int = try row.decode(forColumn: "version")
            var c = Canonical("plan")
            c.add("id", planID)
            c.add("version", version)
            c.add("title", try row.decode(String.self, forColumn: "title"))
            c.add("plan_sha256", try row.decode(String.self, forColumn: "plan_sha256"))
            c.add("rules_sha256", try row.decode(String.self, forColumn: "rules_sha256"))
            check("plan.record", planID, c, what: "plan \(planID) v\(version)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM directory_imports ORDER BY id") {
            let importID: Int = try row.decode(forColumn: "id")
            let name: String = try row.decode(forColumn: "name")
            var c = Canonical("directory-import")
            c.add("name", name)
            c.add("import_id", importID)
            c.add("source_sha256", try row.decode(String.self, forColumn: "source_sha256"))
            c.add("row_count", try row.decode(Int.self, forColumn: "row_count"))
            // The import hashed its rows in key order (byte order), as SQLite sorts them.
            for dirRow in try Row.fetchAll(db, sql: "SELECT key, json FROM directory_rows WHERE import_id = ? ORDER BY key",
                                           arguments: [importID]) {
                c.add("key", try dirRow.decode(String.self, forColumn: "key"))
                c.add("json", try dirRow.decode(String.self, forColumn: "json"))
            }
            check("directory.import", name, c, what: "directory \(name) import \(importID)")
        }
        return problems
    }
}
