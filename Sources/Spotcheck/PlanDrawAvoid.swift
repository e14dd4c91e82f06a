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
            var read: [String: DirectoryRow] = [:]
            for (key, stored) in try source.rows(keys: missing) {
                let row = stored.json.withUnsafeBytes { json -> DirectoryRow? in
                    guard reader.read(key: key, json: json) else { return nil }
                    // A store does not say where a row is: count it as the pass did, in key order.
                    let line = stored.line ?? fingerprint.table.index(of: key).map { $0 + 2 } ?? 1
                    return reader.row(line: line, key: key)
                }
                if let row { read[key] = row }
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

    /// The plan's `avoid` rule (回避) over an entity and an inspector, each
    /// pair evaluated once; a rule that fails on a pair is an error of the
    /// draw naming both.
    struct AvoidRule {
        let p: Prepared
        let entityBinding: RecordBinding
        var activation = Activation(Contexts.plan)
        var entityValues: [String: CELValue] = [:]
        var inspectorValues: [String: CELValue] = [:]
        var decided: [AvoidPair: Bool] = [:]

        init(_ p: Prepared) {
            self.p = p
            entityBinding = RecordBinding(schema: p.entitySchema, usage: .of("entity", in: p.plan.avoid.map { [$0.text] } ?? []))
            activation.bind("plan", PlanDraw.planRecord(p.plan))
        }

        mutating func forbids(entity: String, inspector: String) throws(PlanDrawError) -> Bool {
            guard let avoid = p.plan.avoid else { return false }
            let pair = AvoidPair(entity: entity, inspector: inspector)
            if let known = decided[pair] { return known }
            if entityValues[entity] == nil, let row = p.entities.row(entity) { entityValues[entity] = entityBinding.value(row) }
            if inspectorValues[inspector] == nil, let row = p.inspectors[inspector] { inspectorValues[inspector] = celRecord(row, schema: p.inspectorSchema) }
            activation.bind("entity", entityValues[entity] ?? .map(CELMap()))
            activation.bind("inspector", inspectorValues[inspector] ?? .map(CELMap()))
            switch avoid.program.evaluate(&activation) {
            case .bool(let b):
                decided[pair] = b
                return b
            case let other:
                let line = p.inspectors[inspector]?.line ?? 1
                throw PlanDrawError([Diagnostic(path: p.inspectorsPath, line: line, column: 1, LocalizedText(
                    zh: "计划的回避（avoid）规则对对象“\(entity)”与检查人员“\(inspector)”求值出错：\(describe(other))",
                    en: "the plan's avoid rule fails on entity '\(entity)' and inspector '\(inspector)': \(describe(other))"))])
            }
        }
    }

    struct AvoidPair: Hashable {
        var entity: String
        var inspector: String
    }
}
