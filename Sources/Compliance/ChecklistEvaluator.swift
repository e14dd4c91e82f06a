import CEL
import Rulebook

/// The hot path: evaluates every item of one checklist for one inspection.
/// Statuses propagate along dependencies: an item whose expressions read an
/// unanswered item is `not_checked`, one that reads a not-applicable item is
/// `not_applicable`, one that reads an erroneous item is `error`.
public struct ChecklistEvaluator: Sendable {
    public let planned: PlannedChecklist

    public init(_ planned: PlannedChecklist) { self.planned = planned }

    public struct Scratch {
        var activation: Activation
        var statuses: [ItemStatus]
        var values: [CELValue?]
        public init(_ c: Checklist) {
            activation = Activation(c.environment)
            statuses = Array(repeating: .notChecked, count: c.items.count)
            values = Array(repeating: nil, count: c.items.count)
        }
    }

    /// Evaluates with answers by item index; reuses `scratch` to avoid allocation.
    /// Returns the number of failed items; statuses and values are left in `scratch`.
    @discardableResult
    public func run(answers: [CELValue?], entity: CELValue, inspection: CELValue, scratch s: inout Scratch) -> Int {
        let c = planned.checklist
        s.activation[c.entitySlot] = entity
        s.activation[c.inspectionSlot] = inspection
        let compiled = planned.compiled
        for i in 0..<compiled.count {
            s.activation[compiled[i].slot] = answers[i] ?? .null
            s.values[i] = answers[i]
        }
        var failures = 0
        for i in planned.order {
            let st = status(i, compiled[i], answers[i], c.valueSlot, &s)
            s.statuses[i] = st
            if st == .fail { failures += 1 }
        }
        return failures
    }

    @inline(__always)
    private func status(_ i: Int, _ item: CompiledItem, _ answer: CELValue?, _ valueSlot: Int, _ s: inout Scratch) -> ItemStatus {
        // An expression that reads an item without a value cannot be decided.
        for j in planned.dependencies[i] {
            switch s.statuses[j] {
            case .notApplicable: if s.values[j] == nil { return .notApplicable }
            case .notChecked: if s.values[j] == nil { return .notChecked }
            case .error: return .error
            default: break
            }
        }
        if let relevant = item.relevant {
            switch relevant.evaluate(&s.activation) {
            case .bool(true): break
            case .bool(false):
                s.values[i] = nil
                return .notApplicable
            default: return .error
            }
        }
        var value = answer
        if let compute = item.compute {
            let v = compute.evaluate(&s.activation)
            if v.isError { return .error }
            value = v
            s.values[i] = v
            s.activation[item.slot] = v
        }
        if !item.isRule {
            guard let value else { return .notChecked }
            s.activation[valueSlot] = value
        }
        if let expect = item.expect {
            return Expectation.met(by: value!, expect) ? .pass : .fail
        }
        if let violation = item.violation {
            switch violation.evaluate(&s.activation) {
            case .bool(true): return .fail
            case .bool(false): return .pass
            default: return .error
            }
        }
        return .pass
    }
}

/// The `expect` shorthand: an item is violated when its answer differs from it.
enum Expectation {
    static func met(by v: CELValue, _ expect: Datum) -> Bool {
        switch (v, expect) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.double(let a), .int(let b)): return a == Double(b)
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .int(let b)): return a == Int64(b)
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        default: return false
        }
    }
}

