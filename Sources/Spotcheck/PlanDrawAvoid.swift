import CEL
import Directories
import Foundation
import Messages
import Rulebook

extension PlanDraw {
    /// The rows of the drawn entities, loaded in one read once the sample
    /// is known (`DrawProcedure.run`'s `drawn`), for the `avoid` rule, the
    /// tasks and their forms: of a directory of millions only these are
    /// ever made into typed rows.
    final class DrawnEntities: @unchecked Sendable {
        let source: any DrawDirectory
        let schema: DirectorySchema
        let fingerprint: DirectoryFingerprint
        private let lock = NSLock()
        private var rows: [String: DirectoryRow] = [:]

        init(source: any DrawDirectory, schema: DirectorySchema, fingerprint: DirectoryFingerprint) {
            self.source = source
            self.schema = schema
            self.fingerprint = fingerprint
        }

        /// Reads the rows of `keys` not read yet.
        func load(_ keys: [String]) throws(LifecycleError) {
            let missing = lock.withLock { keys.filter { rows[$0] == nil } }
            guard !missing.isEmpty else { return }
            var reader = StoredRowReader(schema: schema)
            var read: [String: DirectoryRow] = Dictionary(minimumCapacity: missing.count)
            try source.forEachRow(keys: missing) { keyBytes, json, line in
                let key = String(decoding: keyBytes, as: UTF8.self)
                guard reader.read(key: key, json: json) else { return }
                // A store does not say where a row is: count it as the pass did, in key order.
                let line = line ?? fingerprint.table.index(of: key).map { $0 + 2 } ?? 1
                read[key] = reader.row(line: line, key: key)
            }
            lock.withLock { rows.merge(read) { a, _ in a } }
        }

        /// The rows of `keys` already read.
        func loaded(_ keys: [String]) -> [String: DirectoryRow] {
            lock.withLock {
                var out: [String: DirectoryRow] = [:]
                for key in keys { if let row = rows[key] { out[key] = row } }
                return out
            }
        }

        func row(_ key: String) -> DirectoryRow? { lock.withLock { rows[key] } }
    }

    /// The plan's `avoid` rule (回避) over an entity and an inspector; a
    /// rule that fails on a pair is an error of the draw naming both, when
    /// the matching asks about that pair.
    ///
    /// The matching asks about every drawn entity with every inspector of
    /// its departments' teams: forty million pairs for a province-wide draw.
    /// So the answers are worked out before it starts (`prepare`), on every
    /// core, and only once per entity for inspectors the rule cannot tell
    /// apart: inspectors whose columns the rule reads (`ColumnUsage`) hold
    /// the same values get the same answer (the rule sees nothing else of
    /// them). A failure is kept and thrown when the pair is asked about, so
    /// the draw stops where, and with the message, it would have if every
    /// pair were evaluated as asked.
    final class AvoidRule {
        let p: Prepared
        private let entityBinding: RecordBinding
        private let inspectorBinding: RecordBinding
        /// The plan's variable and an empty record for every other, as asked pairs are evaluated.
        private let activation: Activation
        /// Inspector id → the group of inspectors the rule sees alike.
        private var groupOf: [String: Int] = [:]
        private var groups: [CELValue] = []
        /// Drawn entity → its row in `answers`.
        private var entityRow: [String: Int] = [:]
        /// Per entity row, per group: 0 allowed, 1 forbidden, 2 the rule failed (`failures`).
        private var answers: [UInt8] = []
        private var failures: [Int: CELValue] = [:]
        /// The matching asks about one entity with every inspector in turn.
        private var last: (entity: String, row: Int)?

        init(_ p: Prepared) {
            self.p = p
            let text = p.plan.avoid.map { [$0.text] } ?? []
            entityBinding = RecordBinding(schema: p.entitySchema, usage: .of("entity", in: text))
            inspectorBinding = RecordBinding(schema: p.inspectorSchema, usage: .of("inspector", in: text))
            var activation = Activation(Contexts.plan)
            activation.bind("plan", PlanDraw.planRecord(p.plan))
            self.activation = activation
        }

        /// Works out the answers for the drawn entities (their rows loaded)
        /// with every inspector of the directory.
        func prepare(_ entities: [String]) {
            guard let avoid = p.plan.avoid else { return }
            var keys: [[DirectoryValue?]: Int] = [:]
            for (id, row) in p.inspectors.sorted(by: { $0.key < $1.key }) {
                let key = inspectorBinding.identity(row)
                if let known = keys[key] {
                    groupOf[id] = known
                } else {
                    keys[key] = groups.count
                    groupOf[id] = groups.count
                    groups.append(inspectorBinding.value(row))
                }
            }
            let values = entities.map { key in p.entities.row(key).map(entityBinding.value) ?? .map(CELMap()) }
            for (n, key) in entities.enumerated() where entityRow[key] == nil { entityRow[key] = n }
            let program = avoid.program, groups = self.groups, activation = self.activation
            let width = groups.count
            answers.reserveCapacity(values.count * width)
            let chunk = 512
            OrderedBatches.run(state: { activation }, work: { (range: Range<Int>, activation: inout Activation) -> ([UInt8], [Int: CELValue]) in
                var out: [UInt8] = []
                var failed: [Int: CELValue] = [:]
                out.reserveCapacity(range.count * width)
                for n in range {
                    activation.bind("entity", values[n])
                    for g in 0..<width {
                        activation.bind("inspector", groups[g])
                        switch program.evaluate(&activation) {
                        case .bool(let b): out.append(b ? 1 : 0)
                        case let other:
                            failed[(n - range.lowerBound) * width + g] = other
                            out.append(2)
                        }
                    }
                }
                return (out, failed)
            }, feed: { submit in
                var start = 0
                while start < values.count {
                    submit(start..<min(values.count, start + chunk))
                    start += chunk
                }
            }, deliver: { (out, failed) in
                let base = self.answers.count
                self.answers += out
                for (i, value) in failed { self.failures[base + i] = value }
            })
        }

        func forbids(entity: String, inspector: String) throws(PlanDrawError) -> Bool {
            guard let avoid = p.plan.avoid else { return false }
            let row: Int?
            if let last, last.entity == entity {
                row = last.row
            } else {
                row = entityRow[entity]
                if let row { last = (entity, row) }
            }
            let value: CELValue
            if let row, let group = groupOf[inspector] {
                let i = row * groups.count + group
                switch answers[i] {
                case 0: return false
                case 1: return true
                default: value = failures[i] ?? .bool(false)
                }
            } else {
                // Not worked out beforehand (an entity or inspector the directories do not hold): as asked.
                var activation = self.activation
                activation.bind("entity", p.entities.row(entity).map(entityBinding.value) ?? .map(CELMap()))
                activation.bind("inspector", p.inspectors[inspector].map(inspectorBinding.value) ?? .map(CELMap()))
                value = avoid.program.evaluate(&activation)
                if case .bool(let b) = value { return b }
            }
            let line = p.inspectors[inspector]?.line ?? 1
            throw PlanDrawError([Diagnostic(path: p.inspectorsPath, line: line, column: 1, LocalizedText(
                zh: "计划的回避（avoid）规则对对象“\(entity)”与检查人员“\(inspector)”求值出错：\(describe(value))",
                en: "the plan's avoid rule fails on entity '\(entity)' and inspector '\(inspector)': \(describe(value))"))])
        }
    }
}
