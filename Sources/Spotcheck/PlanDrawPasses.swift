import CEL
import Compliance
import Directories
import Draw
import Messages
import Rulebook

extension PlanDraw {
    /// One pass over the entity directory, in key order: every row's
    /// canonical line goes into the directory's fingerprint, and the plan's
    /// population and strata rules decide who is drawn from and where. The
    /// rules see `entity` with the columns they read (`ColumnUsage`), typed
    /// as `celRecord` types them; the eligible ids are packed as they come.
    struct EntityPass {
        var population: Population
        var fingerprint: DirectoryFingerprint

        static func run(_ source: any DrawDirectory, plan: Plan, schema: DirectorySchema,
                        strata: (program: Program, rates: [String: Double])?,
                        activation: inout Activation, problems: inout [Diagnostic]) throws(LifecycleError) -> EntityPass {
            var reader = StoredRowReader(schema: schema)
            var builder = DirectoryFingerprint.Builder(schema: schema)
            let record = RecordBinding(schema: schema,
                                       usage: .of("entity", in: [plan.population.text] + (strata.map { [$0.program.text] } ?? [])))
            let knownStrata = (strata?.rates.keys.sorted { IDOrder.precedes($0, $1) } ?? []).joined(separator: "、")
            var line: [UInt8] = []
            var ids: [UInt8] = []
            var offsets: [Int] = [0]
            var stratumOf: [UInt32] = []
            var names: [String] = []
            var nameIndex: [String: UInt32] = [:]
            let origin = source.origin
            try source.forEachRow { keyBytes, json, rowLine in
                let key = String(decoding: keyBytes, as: UTF8.self)
                guard reader.read(key: key, json: json) else { return }
                line.removeAll(keepingCapacity: true)
                reader.canonicalLine(into: &line)
                builder.add(key: keyBytes, line: line)
                let place = Place(path: origin, line: rowLine, column: 1)
                activation.bind("entity", record.value(key: key, reader: reader))
                switch plan.population.program.evaluate(&activation) {
                case .bool(true): break
                case .bool(false): return
                case let other:
                    problems.append(Diagnostic(place, zh: "计划的 population 规则对对象“\(key)”求值出错：\(describe(other))",
                                               en: "the plan's population rule fails on entity '\(key)': \(describe(other))"))
                    return
                }
                var stratum = wholePopulation
                if let strata {
                    let value = strata.program.evaluate(&activation)
                    guard let text = stratumText(value) else {
                        problems.append(Diagnostic(place, zh: "计划的分层表达式对对象“\(key)”求值出错：\(describe(value))",
                                                   en: "the plan's strata expression fails on entity '\(key)': \(describe(value))"))
                        return
                    }
                    guard strata.rates[text] != nil else {
                        problems.append(Diagnostic(place, zh: "对象“\(key)”的分层值“\(text)”在计划的 rates 中没有比例（已有：\(knownStrata)）",
                                                   en: "entity '\(key)' falls in stratum '\(text)', which has no rate in the plan (rates: \(knownStrata))"))
                        return
                    }
                    stratum = text
                }
                let index: UInt32
                if let known = nameIndex[stratum] {
                    index = known
                } else {
                    index = UInt32(names.count)
                    nameIndex[stratum] = index
                    names.append(stratum)
                }
                ids.append(contentsOf: keyBytes)
                offsets.append(ids.count)
                stratumOf.append(index)
            }
            return EntityPass(population: Population(packedIDs: ids, offsets: offsets, strata: stratumOf, names: names),
                              fingerprint: builder.finish())
        }
    }

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
