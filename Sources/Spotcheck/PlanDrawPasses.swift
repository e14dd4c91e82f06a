import CEL
import Compliance
import Directories
import Draw
import Messages
import Rulebook

extension PlanDraw {
    /// The fingerprint of rows in memory alone (a verifier's copy the plan's rules cannot run on).
    static func fingerprint(of directory: MemoryDirectory, schema: DirectorySchema) -> DirectoryFingerprint {
        var reader = StoredRowReader(schema: schema)
        var builder = DirectoryFingerprint.Builder(schema: schema)
        var line: [UInt8] = []
        directory.forEachRow { keyBytes, json, _ in
            guard reader.read(key: String(decoding: keyBytes, as: UTF8.self), json: json) else { return }
            line.removeAll(keepingCapacity: true)
            reader.canonicalLine(into: &line)
            builder.add(key: keyBytes, line: line)
        }
        return builder.finish()
    }

    /// A small directory (the inspectors) read whole: its typed rows and its fingerprint.
    struct DirectoryPass {
        var rows: [DirectoryRow]
        var fingerprint: DirectoryFingerprint

        static func run(_ source: any DrawDirectory, schema: DirectorySchema) throws(LifecycleError) -> DirectoryPass {
            var reader = StoredRowReader(schema: schema)
            var builder = DirectoryFingerprint.Builder(schema: schema)
            var rows: [DirectoryRow] = []
            var line: [UInt8] = []
            try source.forEachRow { keyBytes, json, rowLine in
                let key = String(decoding: keyBytes, as: UTF8.self)
                guard reader.read(key: key, json: json) else { return }
                line.removeAll(keepingCapacity: true)
                reader.canonicalLine(into: &line)
                builder.add(key: keyBytes, line: line)
                rows.append(reader.row(line: rowLine, key: key))
            }
            return DirectoryPass(rows: rows, fingerprint: builder.finish())
        }
    }

    /// How a row becomes the CEL `entity` (or `inspector`) value for rules
    /// that read some of its columns: exactly `celRecord`'s map, less the
    /// columns no rule reads.
    struct RecordBinding {
        /// Declared columns bound: index, name, whether a list (an empty list stands for a missing one).
        let columns: [(index: Int, name: String, isList: Bool)]
        let bindsID: Bool

        init(schema: DirectorySchema, usage: ColumnUsage) {
            columns = schema.columns.enumerated().filter { usage.includes($0.element.name) }
                .map { ($0.offset, $0.element.name, $0.element.type == .list) }
            bindsID = usage.includes("id")
        }

        func value(key: String, reader: StoredRowReader) -> CELValue {
            var map: [String: CELValue] = Dictionary(minimumCapacity: columns.count + 1)
            for c in columns {
                if let v = reader.value(c.index) {
                    map[c.name] = Values.cel(DirectoryData.datum(v))
                } else if c.isList {
                    map[c.name] = Values.cel(.list([]))
                }
            }
            if bindsID, map["id"] == nil { map["id"] = .string(key) }
            return .map(CELMap(strings: map))
        }

        /// What of `row` the rules see: rows alike here give every rule the same value.
        func identity(_ row: DirectoryRow) -> [DirectoryValue?] {
            columns.map { row[$0.name] } + (bindsID ? [.string(row.key)] : [])
        }

        func value(_ row: DirectoryRow) -> CELValue {
            var map: [String: CELValue] = Dictionary(minimumCapacity: columns.count + 1)
            for c in columns {
                if let v = row[c.name] {
                    map[c.name] = Values.cel(DirectoryData.datum(v))
                } else if c.isList {
                    map[c.name] = Values.cel(.list([]))
                }
            }
            if bindsID, map["id"] == nil { map["id"] = .string(row.key) }
            return .map(CELMap(strings: map))
        }
    }
}
