import Foundation
import Messages

/// What the public may search published records by (SPEC.md §12): a
/// name fragment or a credit code, and filters. Results are the current
/// record of each disclosed task, newest first (most recently recorded).
public struct DisclosureQuery: Sendable, Hashable {
    /// A fragment of the entity's name (two characters at least), or a
    /// credit code or its beginning (eight characters at least).
    public var text: String?
    public var jurisdiction: String?
    public var plan: String?
    public var result: String?
    /// A department that took part (its id).
    public var department: String?
    /// Published on or after / on or before (YYYY-MM-DD).
    public var from: String?
    public var to: String?
    /// 1-based.
    public var page: Int
    public var perPage: Int
    /// Up to this many records matching a code prefix are read through the
    /// code index and sorted; more are found walking the newest records
    /// (every code of a county shares its first nine characters).
    var selectiveCodeMatches = 2_000

    public init(text: String? = nil, jurisdiction: String? = nil, plan: String? = nil, result: String? = nil, department: String? = nil,
                from: String? = nil, to: String? = nil, page: Int = 1, perPage: Int = 20) {
        self.text = text; self.jurisdiction = jurisdiction; self.plan = plan; self.result = result
        self.department = department; self.from = from; self.to = to; self.page = page; self.perPage = perPage
    }

    /// The fewest characters of a name fragment searched for.
    public static let shortestName = 2

    /// A text as the index compares it (compatibility forms folded, lower
    /// case, no spaces or invisible characters).
    public static func searchKey(_ text: String) -> String { DisclosureIndex.key(text) }
}

/// One page of search results.
public struct DisclosurePage: Sendable {
    public var records: [DisclosureRecord]
    /// Whether a next page has records.
    public var hasMore: Bool
}

/// The search index over the current disclosures: a row per disclosed
/// task (its latest record) with the fields filters use, and the
/// two-character pieces (bigrams) of each normalised name, so a fragment
/// is found through the postings of its rarest piece instead of a scan.
/// Derived data: rebuilt from `disclosures` when missing, not audited.
enum DisclosureIndex {
    /// The migration that adds the index (SQLite's `schema`, PostgreSQL's `PostgresSchema.v4`).
    static let migration = "v4-disclosure-search"

    static let schema = """
        CREATE TABLE disclosure_search (
            disclosure_id INTEGER PRIMARY KEY,
            jurisdiction TEXT NOT NULL,
            task_id TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            credit_code TEXT NOT NULL,
            name_key TEXT NOT NULL,
            result_code TEXT NOT NULL,
            departments TEXT NOT NULL,
            published_on TEXT NOT NULL,
            UNIQUE (jurisdiction, task_id)
        );
        CREATE INDEX disclosure_search_jurisdiction ON disclosure_search (jurisdiction, disclosure_id);
        CREATE INDEX disclosure_search_plan ON disclosure_search (plan_id, disclosure_id);
        CREATE INDEX disclosure_search_result ON disclosure_search (result_code, disclosure_id);
        CREATE INDEX disclosure_search_code ON disclosure_search (credit_code);
        CREATE TABLE disclosure_grams (
            gram TEXT NOT NULL,
            disclosure_id INTEGER NOT NULL,
            PRIMARY KEY (gram, disclosure_id)
        );
        CREATE TABLE disclosure_gram_counts (
            gram TEXT PRIMARY KEY,
            n INTEGER NOT NULL
        );
        """

    /// A name as searched: compatibility forms folded (full-width letters
    /// and digits), lower case, without spaces or invisible characters.
    static func key(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { s in
            !s.properties.isWhitespace && !s.properties.isDefaultIgnorableCodePoint && s.properties.generalCategory != .control
                && s.properties.generalCategory != .format
        }))
    }

    /// The distinct two-character pieces of a key (the key itself when shorter).
    static func grams(_ key: String) -> Set<String> {
        let chars = Array(key)
        guard chars.count >= 2 else { return chars.isEmpty ? [] : [key] }
        return Set((0..<(chars.count - 1)).map { String(chars[$0...$0 + 1]) })
    }

    /// Makes `record` its task's entry (replacing the task's earlier one).
    static func index(_ tx: any StoreTransaction, _ record: DisclosureRecord, id: Int64) throws {
        try unindex(tx, jurisdiction: record.jurisdiction, task: record.taskID)
        let departments = try tx.strings("SELECT DISTINCT department FROM evaluations WHERE jurisdiction = ? AND task_id = ? ORDER BY department",
                                         [.text(record.jurisdiction), .text(record.taskID)])
        let key = Self.key(record.entityName)
        try tx.execute("""
            INSERT INTO disclosure_search (disclosure_id, jurisdiction, task_id, plan_id, credit_code, name_key, result_code, departments, published_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(id), .text(record.jurisdiction), .text(record.taskID), .text(record.planID), .text(record.creditCode.uppercased()),
                  .text(key), .text(record.resultCode), .text(" " + departments.joined(separator: " ") + " "), .text(record.publishedOn)])
        for gram in grams(key) {
            try tx.execute("INSERT INTO disclosure_grams (gram, disclosure_id) VALUES (?, ?)", [.text(gram), .int(id)])
            try tx.execute("""
                INSERT INTO disclosure_gram_counts (gram, n) VALUES (?, 1)
                ON CONFLICT (gram) DO UPDATE SET n = disclosure_gram_counts.n + 1
                """, [.text(gram)])
        }
    }

    private static func unindex(_ tx: any StoreTransaction, jurisdiction: String, task: String) throws {
        let rows = try tx.fetchRows("SELECT disclosure_id, name_key FROM disclosure_search WHERE jurisdiction = ? AND task_id = ?",
                                    [.text(jurisdiction), .text(task)])
        for row in rows {
            guard case .int(let id) = row[0], case .text(let key) = row[1] else { continue }
            for gram in grams(key) {
                try tx.execute("DELETE FROM disclosure_grams WHERE gram = ? AND disclosure_id = ?", [.text(gram), .int(id)])
                try tx.execute("UPDATE disclosure_gram_counts SET n = n - 1 WHERE gram = ?", [.text(gram)])
            }
            try tx.execute("DELETE FROM disclosure_search WHERE disclosure_id = ?", [.int(id)])
        }
    }

    /// Indexes every current disclosure (a store made before the index, or one whose index was lost).
    static func rebuild(_ tx: any StoreTransaction) throws {
        try tx.execute("DELETE FROM disclosure_grams", [])
        try tx.execute("DELETE FROM disclosure_gram_counts", [])
        try tx.execute("DELETE FROM disclosure_search", [])
        let current = try tx.fetchAll(DisclosureRecord.self, """
            SELECT d.* FROM disclosures d
            WHERE d.id = (SELECT MAX(d2.id) FROM disclosures d2 WHERE d2.jurisdiction = d.jurisdiction AND d2.task_id = d.task_id)
            ORDER BY d.id
            """, [])
        for record in current { try index(tx, record, id: record.id ?? 0) }
    }
}

extension Store {
    /// Published records matching `query`, newest first, one page. Served
    /// from the index: a name fragment through the postings of its rarest
    /// two-character piece, a credit code through its own index, filters
    /// through theirs.
    public func searchDisclosures(_ query: DisclosureQuery) throws(StoreError) -> DisclosurePage {
        // One read transaction for the whole search: each costs statements of its own.
        try backend.read { tx in try Self.search(query, in: tx) }
    }

    private static func search(_ query: DisclosureQuery, in tx: any StoreTransaction) throws -> DisclosurePage {
        let perPage = max(1, min(query.perPage, 100))
        let page = max(1, min(query.page, 10_000))
        var conditions: [String] = []
        var arguments: [StoreValue] = []
        func filter(_ sql: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            conditions.append(sql)
            arguments.append(.text(value))
        }
        filter("s.jurisdiction = ?", query.jurisdiction)
        filter("s.plan_id = ?", query.plan)
        filter("s.result_code = ?", query.result)
        filter("s.departments LIKE '% ' || ? || ' %' ESCAPE '\\'", query.department.map(Self.escapedForLike))
        filter("s.published_on >= ?", query.from)
        filter("s.published_on <= ?", query.to)
        var from = "disclosure_search s"
        var order = "s.disclosure_id DESC"
        var leading: [StoreValue] = []
        let text = DisclosureIndex.key(query.text ?? "")
        if !text.isEmpty {
            if Self.looksLikeCode(text) {
                let code = text.uppercased()
                // A selective prefix goes through the code index; a common one
                // (every code of a county shares its first nine characters)
                // walks the newest records and stops at the page's end, instead
                // of sorting every match.
                let matches = try tx.int("""
                    SELECT COUNT(*) FROM (SELECT 1 FROM disclosure_search WHERE credit_code >= ? AND credit_code < ? LIMIT \(query.selectiveCodeMatches)) m
                    """, [.text(code), .text(code + "\u{10FFFF}")]) ?? 0
                if matches < query.selectiveCodeMatches {
                    conditions.append("s.credit_code >= ? AND s.credit_code < ?")
                    arguments += [.text(code), .text(code + "\u{10FFFF}")]
                } else {
                    conditions.append("s.credit_code LIKE ? || '%' ESCAPE '\\'")
                    arguments.append(.text(Self.escapedForLike(code)))
                }
            } else {
                guard text.count >= DisclosureQuery.shortestName else { return DisclosurePage(records: [], hasMore: false) }
                let grams = DisclosureIndex.grams(text)
                let rarest = try grams.map { g in (g, try tx.int("SELECT n FROM disclosure_gram_counts WHERE gram = ?", [.text(g)]) ?? 0) }
                    .min { ($0.1, $0.0) < ($1.1, $1.0) }
                guard let rarest, rarest.1 > 0 else { return DisclosurePage(records: [], hasMore: false) }
                from = "disclosure_grams g JOIN disclosure_search s ON s.disclosure_id = g.disclosure_id"
                order = "g.disclosure_id DESC"
                leading = [.text(rarest.0)]
                conditions.insert("g.gram = ?", at: 0)
                conditions.append("s.name_key LIKE '%' || ? || '%' ESCAPE '\\'")
                arguments.append(.text(Self.escapedForLike(text)))
            }
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT d.* FROM disclosures d WHERE d.id IN (
                SELECT s.disclosure_id FROM \(from) \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?)
            ORDER BY d.id DESC
            """
        let all = leading + arguments + [.int(Int64(perPage + 1)), .int(Int64((page - 1) * perPage))]
        let records = try tx.fetchAll(DisclosureRecord.self, sql, all)
        return DisclosurePage(records: Array(records.prefix(perPage)), hasMore: records.count > perPage)
    }

    /// A text matched literally by LIKE (its `%`, `_` and `\` escaped); the
    /// same on SQLite and PostgreSQL, which have different substring functions.
    /// The wildcards around it are written in the SQL (`'%' || ? || '%'`):
    /// SQLite compiles a statement again every time a parameter that is the
    /// whole pattern of a LIKE gets a new value.
    static func escapedForLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// Eight or more letters and digits with a digit among them: a credit code or its beginning.
    static func looksLikeCode(_ text: String) -> Bool {
        text.count >= 8 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && text.contains { $0.isNumber }
    }
}
