import GRDB

/// The versioned schema. A migration, once released, is never edited: a
/// change to the schema is a new migration appended to the list.
enum Schema {
    static let zeroHash = String(repeating: "0", count: 64)

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-lifecycle") { db in
            try db.execute(sql: v1)
            try db.execute(sql: "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ?)", arguments: [zeroHash])
        }
        migrator.registerMigration("v2-task-confirmations") { db in
            try db.execute(sql: v2)
        }
        return migrator
    }

    /// The identifiers of every migration, in order.
    static var migrationIdentifiers: [String] { migrator.migrations }

    /// Each joining department confirms the drawn list (比对和确认) within
    /// the plan's working days; a confirmation is recorded once.
    static let v2 = """
        CREATE TABLE task_confirmations (
            task_id TEXT NOT NULL REFERENCES tasks(id),
            department TEXT NOT NULL,
            confirmed_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (task_id, department)
        ) WITHOUT ROWID;
        CREATE TRIGGER task_confirmations_no_update BEFORE UPDATE ON task_confirmations
        BEGIN SELECT RAISE(ABORT, 'task confirmations are append-only'); END;
        CREATE TRIGGER task_confirmations_no_delete BEFORE DELETE ON task_confirmations
        BEGIN SELECT RAISE(ABORT, 'task confirmations are append-only'); END;
        """

    static let v1 = """
        CREATE TABLE directory_imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX directory_imports_by_name ON directory_imports(name, id);

        CREATE TABLE directory_rows (
            import_id INTEGER NOT NULL REFERENCES directory_imports(id),
            key TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (import_id, key)
        ) WITHOUT ROWID;

        CREATE TABLE plans (
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT NOT NULL,
            first_recorded_at TEXT NOT NULL
        );

        CREATE TABLE plan_versions (
            plan_id TEXT NOT NULL REFERENCES plans(id),
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            plan_sha256 TEXT NOT NULL,
            rules_sha256 TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (plan_id, version),
            UNIQUE (plan_id, plan_sha256, rules_sha256, title)
        );

        CREATE TABLE draws (
            id TEXT PRIMARY KEY NOT NULL,
            plan_id TEXT NOT NULL REFERENCES plans(id),
            seed TEXT NOT NULL,
            certificate_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX draws_by_plan ON draws(plan_id, created_at);

        CREATE TABLE tasks (
            id TEXT PRIMARY KEY NOT NULL,
            draw_id TEXT NOT NULL REFERENCES draws(id),
            plan_id TEXT NOT NULL REFERENCES plans(id),
            entity_key TEXT NOT NULL,
            teams_json TEXT NOT NULL,
            checklists_json TEXT NOT NULL,
            confirmed_due TEXT NOT NULL
        );
        CREATE INDEX tasks_by_plan ON tasks(plan_id, id);
        CREATE INDEX tasks_by_draw ON tasks(draw_id);

        CREATE TABLE submissions (
            submission_id TEXT PRIMARY KEY NOT NULL,
            task_id TEXT NOT NULL REFERENCES tasks(id),
            department TEXT NOT NULL,
            checklist TEXT NOT NULL,
            inspectors_json TEXT NOT NULL,
            inspected_on TEXT NOT NULL,
            payload TEXT NOT NULL,
            version INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            UNIQUE (task_id, checklist, version)
        );
        CREATE TRIGGER submissions_append_only_update BEFORE UPDATE ON submissions
            BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
        CREATE TRIGGER submissions_append_only_delete BEFORE DELETE ON submissions
            BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;

        CREATE TABLE evaluations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            submission_id TEXT NOT NULL REFERENCES submissions(submission_id),
            task_id TEXT NOT NULL REFERENCES tasks(id),
            checklist TEXT NOT NULL,
            version INTEGER NOT NULL,
            result_code TEXT NOT NULL,
            violations_json TEXT NOT NULL,
            json TEXT NOT NULL,
            entered_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX evaluations_latest ON evaluations(task_id, checklist, version, id);
        CREATE INDEX evaluations_by_submission ON evaluations(submission_id);
        CREATE TRIGGER evaluations_append_only_update BEFORE UPDATE ON evaluations
            BEGIN SELECT RAISE(ABORT, 'evaluations are append-only'); END;
        CREATE TRIGGER evaluations_append_only_delete BEFORE DELETE ON evaluations
            BEGIN SELECT RAISE(ABORT, 'evaluations are append-only'); END;

        CREATE TABLE referrals (
            id TEXT PRIMARY KEY NOT NULL,
            submission_id TEXT NOT NULL REFERENCES submissions(submission_id),
            task_id TEXT NOT NULL REFERENCES tasks(id),
            recipient TEXT NOT NULL,
            kind TEXT NOT NULL,
            items_json TEXT NOT NULL,
            due TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'handled', 'overdue')),
            status_on TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX referrals_by_status ON referrals(status, id);
        CREATE INDEX referrals_by_task ON referrals(task_id);
        CREATE INDEX referrals_by_submission ON referrals(submission_id);

        CREATE TABLE disclosures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id TEXT NOT NULL REFERENCES tasks(id),
            plan_id TEXT NOT NULL REFERENCES plans(id),
            published_on TEXT NOT NULL,
            json TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX disclosures_by_plan ON disclosures(plan_id, task_id, id);
        CREATE INDEX disclosures_by_task ON disclosures(task_id, id);

        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            payload_sha256 TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_by_subject ON audit_log(action, subject);
        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        -- The last entry appended: the next one links to it, so that removing
        -- the tail of the log leaves a visible gap.
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        """
}
