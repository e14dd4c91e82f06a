import GRDB

/// The store's schema. Every row carries its jurisdiction, so one store can
/// hold a province's counties and every query is scoped to one of them.
/// A migration, once released, is never edited: a change is a new one.
///
/// Stores made by releases before the jurisdiction column (format 1) are
/// not migrated: no county ran on them, and `init` refuses to open them.
enum Schema {
    /// The marker `store_meta.format` holds: what `audit verify` and `init`
    /// look for before they trust a file to be a Spotcheck store.
    static let format = "spotcheck-store/2"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v2-jurisdictions") { db in
            try db.execute(sql: v2)
            try db.execute(sql: "INSERT INTO store_meta (key, value) VALUES ('format', ?)", arguments: [format])
        }
        migrator.registerMigration("v3-accounts-evidence") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration(DisclosureIndex.migration) { db in
            try db.execute(sql: DisclosureIndex.schema)
            try DisclosureIndex.rebuild(SQLiteTransaction(db: db))
        }
        migrator.registerMigration(v5Identifier) { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration(directoryStreaming) { _ in
            // Nothing to change here: SQLite checks the foreign key of the
            // rows streamed before their import's record when the import
            // commits (`defer_foreign_keys`), in process, at little cost.
            // PostgreSQL drops it (`PostgresSchema.v6`).
        }
        return migrator
    }

    static var migrationIdentifiers: [String] { migrator.migrations }

    /// Directory imports stream their rows (v6).
    static let directoryStreaming = "v6-directory-streaming"

    /// Tables whose rows may never change or go: triggers refuse UPDATE and DELETE.
    static let appendOnly = ["directory_imports", "directory_rows", "plan_versions", "draws", "tasks", "confirmations",
                             "submissions", "evaluations", "referrals", "referral_events", "disclosures", "audit_log"]

    /// Tables added by v3, append-only too.
    static let appendOnlyV3 = ["account_versions", "evidence"]

    /// Every append-only table of every migration (the guards the checks look for).
    static var allAppendOnly: [String] { appendOnly + appendOnlyV3 + ["checklist_versions"] }

    /// Accounts (each change a new audited version), sessions (not audited:
    /// they are not data, and expire), evidence files (content-addressed,
    /// audited).
    static let v3 = """
        CREATE TABLE account_versions (
            account_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            jurisdiction TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('inspector', 'department_admin', 'lead_office', 'system_admin')),
            department TEXT,
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (account_id, version)
        );

        CREATE TABLE sessions (
            token_sha256 TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX sessions_by_account ON sessions(account_id);

        CREATE TABLE evidence (
            sha256 TEXT PRIMARY KEY NOT NULL,
            jurisdiction TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            uploaded_at TEXT NOT NULL,
            uploaded_by TEXT NOT NULL
        );
        """ + appendOnlyV3.map { table in
            """

            CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
            CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
            """
        }.joined()

    static let v2 = """
        CREATE TABLE store_meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );

        CREATE TABLE directory_imports (
            id INTEGER PRIMARY KEY,
            jurisdiction TEXT NOT NULL,
            directory TEXT NOT NULL CHECK (directory IN ('entities', 'inspectors')),
            version INTEGER NOT NULL,
            source_sha256 TEXT NOT NULL,
            rows_sha256 TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            UNIQUE (jurisdiction, directory, version)
        );

        CREATE TABLE directory_rows (
            import_id INTEGER NOT NULL REFERENCES directory_imports(id),
            key TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (import_id, key)
        ) WITHOUT ROWID;

        CREATE TABLE plan_versions (
            jurisdiction TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            plan_sha256 TEXT NOT NULL,
            rules_sha256 TEXT NOT NULL,
            plan_text TEXT NOT NULL,
            revised_on TEXT,
            reason TEXT,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (plan_id, version)
        );
        CREATE INDEX plan_versions_by_jurisdiction ON plan_versions(jurisdiction, plan_id, version);

        CREATE TABLE draws (
            id TEXT PRIMARY KEY NOT NULL,
            jurisdiction TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            plan_version INTEGER NOT NULL,
            seed TEXT NOT NULL,
            certificate_json TEXT NOT NULL,
            tasks_sha256 TEXT NOT NULL,
            task_count INTEGER NOT NULL,
            drawn_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions(plan_id, version)
        );
        CREATE INDEX draws_by_plan ON draws(jurisdiction, plan_id);

        CREATE TABLE tasks (
            id TEXT PRIMARY KEY NOT NULL,
            jurisdiction TEXT NOT NULL,
            draw_id TEXT NOT NULL REFERENCES draws(id),
            plan_id TEXT NOT NULL,
            entity_key TEXT NOT NULL,
            entity_name TEXT NOT NULL,
            teams_json TEXT NOT NULL,
            checklists_json TEXT NOT NULL,
            confirm_due TEXT NOT NULL
        );
        CREATE INDEX tasks_by_plan ON tasks(jurisdiction, plan_id, id);
        CREATE INDEX tasks_by_draw ON tasks(draw_id, id);

        CREATE TABLE confirmations (
            id INTEGER PRIMARY KEY,
            jurisdiction TEXT NOT NULL,
            task_id TEXT NOT NULL REFERENCES tasks(id),
            department TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
            reason TEXT,
            decided_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX confirmations_by_task ON confirmations(jurisdiction, task_id, department, id);

        CREATE TABLE submissions (
            submission_id TEXT PRIMARY KEY NOT NULL,
            jurisdiction TEXT NOT NULL,
            task_id TEXT NOT NULL REFERENCES tasks(id),
            department TEXT NOT NULL,
            checklist TEXT NOT NULL,
            inspectors TEXT NOT NULL,
            inspected_on TEXT NOT NULL,
            received_on TEXT NOT NULL,
            payload TEXT NOT NULL,
            payload_sha256 TEXT NOT NULL,
            version INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            received_by TEXT NOT NULL,
            UNIQUE (task_id, checklist, version)
        );
        CREATE INDEX submissions_by_task ON submissions(jurisdiction, task_id, checklist, version);

        CREATE TABLE evaluations (
            id INTEGER PRIMARY KEY,
            jurisdiction TEXT NOT NULL,
            submission_id TEXT NOT NULL UNIQUE REFERENCES submissions(submission_id),
            task_id TEXT NOT NULL REFERENCES tasks(id),
            plan_id TEXT NOT NULL,
            department TEXT NOT NULL,
            checklist TEXT NOT NULL,
            version INTEGER NOT NULL,
            result_code TEXT NOT NULL,
            result_rank INTEGER NOT NULL,
            violations TEXT NOT NULL,
            document TEXT NOT NULL,
            entered_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX evaluations_latest ON evaluations(jurisdiction, plan_id, task_id, checklist, version);

        CREATE TABLE referrals (
            id TEXT PRIMARY KEY NOT NULL,
            jurisdiction TEXT NOT NULL,
            submission_id TEXT NOT NULL REFERENCES submissions(submission_id),
            task_id TEXT NOT NULL REFERENCES tasks(id),
            recipient TEXT NOT NULL,
            kind TEXT NOT NULL,
            route TEXT NOT NULL,
            items TEXT NOT NULL,
            due TEXT,
            created_on TEXT NOT NULL
        );
        CREATE INDEX referrals_by_task ON referrals(jurisdiction, task_id);
        CREATE INDEX referrals_by_recipient ON referrals(jurisdiction, recipient);

        CREATE TABLE referral_events (
            id INTEGER PRIMARY KEY,
            jurisdiction TEXT NOT NULL,
            referral_id TEXT NOT NULL REFERENCES referrals(id),
            status TEXT NOT NULL CHECK (status IN ('open', 'received', 'handled', 'closed', 'superseded')),
            decision TEXT,
            decision_no TEXT,
            decision_public INTEGER,
            on_date TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX referral_events_by_referral ON referral_events(referral_id, id);

        -- The present status of each referral: the replay of its events,
        -- kept for queries; `audit verify` checks it against the replay.
        CREATE TABLE referral_status (
            referral_id TEXT PRIMARY KEY NOT NULL REFERENCES referrals(id),
            jurisdiction TEXT NOT NULL,
            status TEXT NOT NULL,
            status_on TEXT NOT NULL,
            last_event_id INTEGER NOT NULL
        );
        CREATE INDEX referral_status_by_status ON referral_status(jurisdiction, status);

        CREATE TABLE disclosures (
            id INTEGER PRIMARY KEY,
            jurisdiction TEXT NOT NULL,
            task_id TEXT NOT NULL REFERENCES tasks(id),
            plan_id TEXT NOT NULL,
            credit_code TEXT NOT NULL,
            entity_name TEXT NOT NULL,
            result_code TEXT NOT NULL,
            published_on TEXT NOT NULL,
            record_json TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            audit_seq INTEGER NOT NULL,
            audit_hash TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX disclosures_by_task ON disclosures(jurisdiction, task_id, id);
        CREATE INDEX disclosures_by_plan ON disclosures(jurisdiction, plan_id, published_on);
        CREATE INDEX disclosures_by_code ON disclosures(credit_code);
        CREATE INDEX disclosures_by_date ON disclosures(published_on, id);

        CREATE TABLE audit_log (
            jurisdiction TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            payload_sha256 TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (jurisdiction, seq)
        ) WITHOUT ROWID;
        CREATE INDEX audit_by_subject ON audit_log(action, subject);

        -- The last entry appended to each jurisdiction's chain: the next one
        -- links to it, so removing the tail of a chain leaves a visible gap.
        CREATE TABLE audit_heads (
            jurisdiction TEXT PRIMARY KEY NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        """ + appendOnly.map { table in
            """

            CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
            CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
            """
        }.joined()
}
