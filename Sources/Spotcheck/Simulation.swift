import CEL
import Compliance
import Rulebook
import WorkingDays

/// Simulated inspection findings for the demo: answers drawn from a
/// realistic distribution of problems (most items pass; serious problems
/// are rarer than minor ones), deterministic for a given seed.
public struct FindingsSimulator {
    /// Probability that an item an inspector can fail is found violated.
    /// With about twenty items a checklist, roughly seven inspections in eight find nothing.
    public var failureRate: [Severity: Double] = [.minor: 0.012, .general: 0.006, .serious: 0.003]
    /// Probability that a found problem is corrected on site as ordered.
    public var rectifiedRate = 0.35
    public var refusedSignatureRate = 0.03
    private var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// A uniform draw in [0, 1) from the simulation's stream.
    mutating func unitDraw() -> Double { rng.unit() }

    /// How often an inspection finds the entity unreachable, not operating,
    /// or obstructing (the categories that end an inspection early).
    public var unreachableRate = 0.01, notOperatingRate = 0.01, obstructedRate = 0.004
    /// How often a specialist is sent to help (选派专业人员协助).
    public var assistedRate = 0.05

    public struct Simulated {
        public var answers: [(String, Datum)]
        public var rectified: [String]
        public var cooperation: Findings.Cooperation
        public var signature: Findings.Signature
        public var refusalNote: String?
        public var notes: [String: String]
        public var methods: [InspectionMethod] = []
        public var assistants: [Findings.Assistant] = []
    }

    /// Answers for one checklist and entity, asking items in file order and
    /// skipping those whose `relevant` is false given the answers so far.
    /// `people` are the entity's personal values (its representative's name,
    /// phone) that inspectors' notes mention and disclosure must remove.
    public mutating func simulate(_ c: Checklist, entity: [String: Datum], people: [String], on date: CivilDate) -> Simulated {
        var out = Simulated(answers: [], rectified: [], cooperation: .cooperated, signature: .signed, refusalNote: nil, notes: [:])
        let roll = rng.unit()
        if roll < unreachableRate { out.cooperation = .unreachable; return out }
        if roll < unreachableRate + notOperatingRate { out.cooperation = .notOperating; return out }
        if roll < unreachableRate + notOperatingRate + obstructedRate { out.cooperation = .obstructed; return out }
        var methods: [InspectionMethod] = []
        var a = Activation(c.environment)
        a[c.entitySlot] = Values.record(entity)
        a[c.inspectionSlot] = .map(CELMap(strings: ["department": .string(c.department), "date": Values.timestamp(date)]))
        for item in c.items where !item.isRule && item.compute == nil {
            if let relevant = item.relevant, case .bool(false) = relevant.program.evaluate(&a) { continue }
            if !item.required, rng.unit() < 0.3 { continue }
            for m in item.methods where !methods.contains(m) { methods.append(m) }
            let wantFail = item.canFail && rng.unit() < (failureRate[item.severity ?? .general] ?? 0.05)
            guard let answer = choose(item, wantFail: wantFail, date: date, &a, valueSlot: c.valueSlot) else { continue }
            out.answers.append((item.id, answer))
            a[item.slot] = Values.cel(item.answer == .number ? Self.asDouble(answer) : answer)
            if wantFail {
                let rectified = item.severity != .serious && rng.unit() < rectifiedRate
                if rectified { out.rectified.append(item.id) }
                // Inspectors' notes name people and numbers: disclosure must remove them.
                let person = people.first ?? ""
                let contact = people.dropFirst().first.map { "（\($0)）" } ?? ""
                out.notes[item.id] = rectified
                    ? "已当场整改，负责人\(person)签字确认"
                    : "已向负责人\(person)\(contact)送达责令改正通知书"
            }
        }
        reconcileRules(c, entity: entity, date: date, &a, &out)
        out.methods = InspectionMethod.allCases.filter(methods.contains)
        if rng.unit() < assistedRate {
            out.assistants = [Findings.Assistant(name: "专业技术人员", organisation: "县疾病预防控制中心")]
        }
        if rng.unit() < refusedSignatureRate {
            out.signature = .refused
            out.refusalNote = "被检查单位负责人对检查结果有异议，拒绝在记录表上签字，检查人员已现场录像并如实记录"
        }
        return out
    }

    /// Cross-item rules (留样不少于125克并保存48小时以上 …) fail as rarely as items
    /// do: where one fails by chance, the answers it reads are drawn again.
    private mutating func reconcileRules(_ c: Checklist, entity: [String: Datum], date: CivilDate, _ a: inout Activation, _ out: inout Simulated) {
        recompute(c, &a)
        for rule in c.items where rule.isRule {
            guard let violation = rule.violation else { continue }
            let wantFail = rng.unit() < (failureRate[rule.severity ?? .general] ?? 0.01)
            let inputs = violation.program.referencedVariables.compactMap { c.item($0) }.filter { !$0.isRule && $0.compute == nil }
            for _ in 0..<40 {
                guard case .bool(let fails) = violation.program.evaluate(&a), fails != wantFail else { break }
                for item in inputs {
                    guard let k = out.answers.firstIndex(where: { $0.0 == item.id }),
                          let redrawn = choose(item, wantFail: rng.unit() < 0.5, date: date, &a, valueSlot: c.valueSlot) else { continue }
                    out.answers[k].1 = redrawn
                    a[item.slot] = Values.cel(item.answer == .number ? Self.asDouble(redrawn) : redrawn)
                }
                recompute(c, &a)
            }
        }
    }

    /// Computed items, in file order, from the answers so far.
    private func recompute(_ c: Checklist, _ a: inout Activation) {
        for item in c.items where item.compute != nil {
            a[item.slot] = item.compute!.program.evaluate(&a)
        }
    }

    static func asDouble(_ d: Datum) -> Datum {
        if case .int(let i) = d { return .double(Double(i)) }
        return d
    }

    /// An answer that passes, or fails when `wantFail`, if such a value can be found.
    private mutating func choose(_ item: ChecklistItem, wantFail: Bool, date: CivilDate, _ a: inout Activation, valueSlot: Int) -> Datum? {
        let candidates: [Datum]
        switch item.answer {
        case .yesNo?:
            if case .bool(let e)? = item.expect { return .bool(wantFail ? !e : e) }
            candidates = [.bool(rng.unit() < 0.6), .bool(true), .bool(false)]
        case .number?, .integer?:
            let lo = item.range?.lowerBound ?? 0, hi = item.range?.upperBound ?? 100
            let integer = item.answer == .integer
            // Everyday values first (counts, days, amounts an inspector writes down), then the range's edges.
            var everyday: [Double] = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 45, 50, 60, 100, 120, 200, 300, 500]
                .filter { $0 >= lo && $0 <= hi }
            if integer == false { everyday += [0.1, 0.3, 0.5, 1.5, 2.5, 4.5, 9.5].filter { $0 >= lo && $0 <= hi } }
            everyday.shuffle(using: &rng)
            var xs = everyday + [lo, hi, (lo + hi) / 2]
            for _ in 0..<6 { xs.append(lo + (hi - lo) * rng.unit()) }
            candidates = xs.map { integer ? .int(Int($0.rounded())) : .double(($0 * 10).rounded() / 10) }
        case .choice?:
            var opts = item.options
            opts.shuffle(using: &rng)
            if !wantFail, let first = item.options.first { opts.insert(first, at: 0) }
            candidates = opts.map { .string($0) }
        case .text?: return .string("无")
        case .date?:
            let d = date.adding(days: -Int(rng.next() % 300))
            return .date(year: d.year, month: d.month, day: d.day)
        case .photo?: return .list([.string("photos/\(item.id).jpg")])
        case nil: return nil
        }
        guard item.canFail else { return candidates.first }
        for candidate in candidates {
            let v = Values.cel(item.answer == .number ? Self.asDouble(candidate) : candidate)
            a[valueSlot] = v
            a[item.slot] = v
            let fails: Bool?
            if let expect = item.expect {
                fails = !Self.same(v, expect)
            } else if let violation = item.violation {
                if case .bool(let b) = violation.program.evaluate(&a) { fails = b } else { fails = nil }
            } else {
                fails = false
            }
            if fails == wantFail { return candidate }
        }
        return wantFail ? nil : candidates.first
    }

    static func same(_ v: CELValue, _ d: Datum) -> Bool {
        switch (v, d) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == Int64(b)
        case (.double(let a), .double(let b)): return a == b
        case (.double(let a), .int(let b)): return a == Double(b)
        default: return false
        }
    }
}

/// A small, fast, seedable generator (SplitMix64), so simulations and
/// sample data are the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
