import CEL
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
    ///
    /// Reading a row's JSON, writing and hashing its line and evaluating the
    /// rules take most of a draw of millions of rows, and each row's work is
    /// its own: batches of rows go to a thread per core (`OrderedBatches`)
    /// while the source is read, and their results are taken back in key
    /// order, so the fingerprint, the population and the diagnostics are
    /// those of a pass done row after row.
    struct EntityPass {
        var population: Population
        var fingerprint: DirectoryFingerprint

        static func run(_ source: any DrawDirectory, plan: Plan, schema: DirectorySchema,
                        strata: (program: Program, rates: [String: Double])?,
                        activation: Activation, problems: inout [Diagnostic],
                        workers: Int = OrderedWorkers.count) throws(LifecycleError) -> EntityPass {
            let rules = EntityRules(plan: plan, schema: schema, strata: strata, origin: source.origin)
            var builder = DirectoryFingerprint.Builder(schema: schema)
            var population = PopulationBuilder()
            var found: [Diagnostic] = []
            var batch = RowBatch()
            do {
                try OrderedBatches.run(
                    workers: workers,
                    state: { (StoredRowReader(schema: schema), activation) },
                    work: { batch, state in rules.evaluate(batch, reader: &state.0, activation: &state.1) },
                    feed: { submit in
                        try source.forEachRow { key, json, line in
                            batch.append(key: key, json: json, line: line)
                            if batch.count >= RowBatch.rows {
                                submit(batch)
                                batch = RowBatch()
                            }
                        }
                        if batch.count > 0 { submit(batch) }
                    },
                    deliver: { result in
                        builder.add(result.fingerprint)
                        population.add(result)
                        found += result.problems
                    })
            } catch let error as LifecycleError {
                throw error
            } catch {
                throw LifecycleError(Place(path: source.origin, line: 1, column: 1), zh: "无法读取名录", en: "cannot read the directory")
            }
            problems += found
            return EntityPass(population: population.finish(), fingerprint: builder.finish())
        }
    }

    /// Rows of a directory packed for a worker: keys and JSON, one buffer each.
    struct RowBatch: Sendable {
        /// Rows per batch: enough that handing one over costs nothing next to its work.
        static let rows = 1_024

        var keys: [UInt8] = []
        var keyStarts: [Int] = [0]
        var json: [UInt8] = []
        var jsonStarts: [Int] = [0]
        var lines: [Int] = []

        var count: Int { lines.count }

        mutating func append(key: UnsafeRawBufferPointer, json text: UnsafeRawBufferPointer, line: Int) {
            keys.append(contentsOf: key)
            keyStarts.append(keys.count)
            json.append(contentsOf: text)
            jsonStarts.append(json.count)
            lines.append(line)
        }
    }

    /// What a worker made of one batch, in the batch's order.
    struct EntityBatchResult: Sendable {
        /// The rows that read as rows: their lines, keys and digests.
        var fingerprint = DirectoryFingerprint.Part()
        /// Per row of `fingerprint`: the index of its stratum in `names`, or -1 when outside the population.
        var strata: [Int32] = []
        var names: [String] = []
        var problems: [Diagnostic] = []
    }

    /// The plan's population and strata rules, as every worker runs them.
    struct EntityRules: Sendable {
        let plan: Plan
        let strata: (program: Program, rates: [String: Double])?
        let record: RecordBinding
        let knownStrata: String
        let origin: String

        init(plan: Plan, schema: DirectorySchema, strata: (program: Program, rates: [String: Double])?, origin: String) {
            self.plan = plan
            self.strata = strata
            self.origin = origin
            record = RecordBinding(schema: schema, usage: .of("entity", in: [plan.population.text] + (strata.map { [$0.program.text] } ?? [])))
            knownStrata = (strata?.rates.keys.sorted { IDOrder.precedes($0, $1) } ?? []).joined(separator: "、")
        }

        func evaluate(_ batch: RowBatch, reader: inout StoredRowReader, activation: inout Activation) -> EntityBatchResult {
            var out = EntityBatchResult()
            var nameIndex: [String: Int32] = [:]
            batch.keys.withUnsafeBytes { keys in
                batch.json.withUnsafeBytes { json in
                    for r in 0..<batch.count {
                        let keyBytes = UnsafeRawBufferPointer(rebasing: keys[batch.keyStarts[r]..<batch.keyStarts[r + 1]])
                        let key = String(decoding: keyBytes, as: UTF8.self)
                        guard reader.read(key: key, json: UnsafeRawBufferPointer(rebasing: json[batch.jsonStarts[r]..<batch.jsonStarts[r + 1]])) else {
                            continue
                        }
                        out.fingerprint.add(key: keyBytes) { reader.canonicalLine(into: &$0) }
                        guard let stratum = stratum(key: key, line: batch.lines[r], reader: reader, activation: &activation,
                                                    problems: &out.problems) else {
                            out.strata.append(-1)
                            continue
                        }
                        if let known = nameIndex[stratum] {
                            out.strata.append(known)
                        } else {
                            let index = Int32(out.names.count)
                            nameIndex[stratum] = index
                            out.names.append(stratum)
                            out.strata.append(index)
                        }
                    }
                }
            }
            return out
        }

        /// The row's stratum; nil when it is outside the population or a rule fails on it (then with a diagnostic).
        private func stratum(key: String, line: Int, reader: StoredRowReader, activation: inout Activation,
                             problems: inout [Diagnostic]) -> String? {
            let place = Place(path: origin, line: line, column: 1)
            activation.bind("entity", record.value(key: key, reader: reader))
            switch plan.population.program.evaluate(&activation) {
            case .bool(true): break
            case .bool(false): return nil
            case let other:
                problems.append(Diagnostic(place, zh: "计划的 population 规则对对象“\(key)”求值出错：\(describe(other))",
                                           en: "the plan's population rule fails on entity '\(key)': \(describe(other))"))
                return nil
            }
            guard let strata else { return wholePopulation }
            let value = strata.program.evaluate(&activation)
            guard let text = stratumText(value) else {
                problems.append(Diagnostic(place, zh: "计划的分层表达式对对象“\(key)”求值出错：\(describe(value))",
                                           en: "the plan's strata expression fails on entity '\(key)': \(describe(value))"))
                return nil
            }
            guard strata.rates[text] != nil else {
                problems.append(Diagnostic(place, zh: "对象“\(key)”的分层值“\(text)”在计划的 rates 中没有比例（已有：\(knownStrata)）",
                                           en: "entity '\(key)' falls in stratum '\(text)', which has no rate in the plan (rates: \(knownStrata))"))
                return nil
            }
            return text
        }
    }

    /// The eligible ids, packed in key order, with their strata.
    struct PopulationBuilder {
        private var ids: [UInt8] = []
        private var offsets: [Int] = [0]
        private var stratumOf: [UInt32] = []
        private var names: [String] = []
        private var nameIndex: [String: UInt32] = [:]

        mutating func add(_ result: EntityBatchResult) {
            let global = result.names.map { name -> UInt32 in
                if let known = nameIndex[name] { return known }
                let index = UInt32(names.count)
                nameIndex[name] = index
                names.append(name)
                return index
            }
            result.fingerprint.forEachKey { n, key in
                let s = result.strata[n]
                guard s >= 0 else { return }
                ids.append(contentsOf: key)
                offsets.append(ids.count)
                stratumOf.append(global[Int(s)])
            }
        }

        func finish() -> Population {
            Population(packedIDs: ids, offsets: offsets, strata: stratumOf, names: names)
        }
    }
}
