/// Stratified random sampling of a population of generic records.
///
/// Credit-risk differentiated inspection draws each risk grade at its own
/// rate. Each stratum is drawn on its own labelled stream ("stratum:<name>"),
/// so adding entities to one grade never changes who is drawn in another,
/// and strata are visited in byte order of their names so that the report
/// reads the same whatever order the directory came in.
public enum StratifiedSampler {
    /// Draws a sample from `population` under `rule`.
    ///
    /// The population is first put in UTF-8 byte order of ids; ids must be
    /// unique. Per stratum s, k_s = rounding(rate_s × N_s) capped at N_s, and
    /// the k_s entities are drawn with `spotcheck-draw-v1` keyed by `key`.
    ///
    /// - Throws: `DrawError.duplicateID`, `.invalidRate`, `.noRateForStratum`,
    ///   `.countExceedsPool`, `.negativeCount`.
    public static func sample(
        _ population: [PopulationRecord],
        rule: SamplingRule,
        rounding: Rounding = .ceil,
        declaredRate: Double? = nil,
        key: String
    ) throws -> SampleReport {
        try sample(Population(population), rule: rule, rounding: rounding, declaredRate: declaredRate, key: key)
    }

    /// The same, from a packed population (the form a loader builds once).
    public static func sample(
        _ population: Population,
        rule: SamplingRule,
        rounding: Rounding = .ceil,
        declaredRate: Double? = nil,
        key: String
    ) throws -> SampleReport {
        if let declaredRate, !(0...1).contains(declaredRate) {
            throw DrawError.invalidRate(stratum: nil, rate: declaredRate)
        }
        let strata = try partition(population)
        let counts = try allocate(strata, rule: rule, rounding: rounding)
        var reports: [StratumReport] = []
        reports.reserveCapacity(strata.count)
        for (stratum, allotment) in zip(strata, counts) {
            let stream = RandomStream.spotcheckV1(key: key, label: "stratum:" + stratum.name)
            let picks = try Selection.draw(allotment.count, from: stratum.members.count, stream: stream)
            reports.append(StratumReport(
                name: stratum.name, population: stratum.members.count, rate: allotment.rate,
                count: allotment.count, selected: picks.map { population.id(Int(stratum.members[$0])) }))
        }
        return SampleReport(strata: reports, declaredRate: declaredRate)
    }

    /// A stratum's name and its members, as indices into the population in
    /// byte order of their ids (indices rather than ids: ten million string
    /// copies would cost more than the draw itself).
    struct Stratum {
        var name: String
        var members: [Int32]
    }

    /// Groups records by stratum, ids in byte order and checked for
    /// duplicates, strata in byte order of their names.
    static func partition(_ population: Population) throws -> [Stratum] {
        guard population.count <= Int(Int32.max) else { throw DrawError.poolTooLarge(population.count) }
        let (order, duplicate) = population.ids.order(tags: population.strata)
        if let duplicate { throw DrawError.duplicateID(population.id(duplicate), pool: "the population") }
        // A counting sort by stratum number, in id order within each stratum.
        var sizes = [Int](repeating: 0, count: population.stratumNames.count)
        population.strata.withUnsafeBufferPointer { strata in
            for s in strata { sizes[Int(s)] += 1 }
        }
        var members = sizes.map { size -> [Int32] in
            var list: [Int32] = []
            list.reserveCapacity(size)
            return list
        }
        population.strata.withUnsafeBufferPointer { strata in
            if let order {
                // Each element carries its stratum in the high half (see `PackedIDs.order(tags:)`).
                for element in order { members[element >> 32].append(Int32(truncatingIfNeeded: element)) }
            } else {
                for index in 0..<strata.count { members[Int(strata[index])].append(Int32(index)) }
            }
        }
        return zip(population.stratumNames, members).filter { !$0.1.isEmpty }
            .map { Stratum(name: $0.0, members: $0.1) }
            .sorted { IDOrder.precedes($0.name, $1.name) }
    }

    /// k_s and the rate reported for each stratum, in the strata's order.
    static func allocate(_ strata: [Stratum], rule: SamplingRule, rounding: Rounding) throws
        -> [(count: Int, rate: Double?)] {
        switch rule {
        case .all:
            return strata.map { ($0.members.count, 1.0) }
        case .rate(let rate):
            try check(rate, stratum: nil)
            return strata.map { (rounding.count(rate: rate, population: $0.members.count), rate) }
        case .rates(let table):
            return try strata.map { stratum in
                guard let rate = table[stratum.name] else { throw DrawError.noRateForStratum(stratum.name) }
                try check(rate, stratum: stratum.name)
                return (rounding.count(rate: rate, population: stratum.members.count), rate)
            }
        case .count(let total):
            let sizes = strata.map(\.members.count)
            return try proportionalShares(of: total, among: sizes).map { ($0, nil) }
        }
    }

    private static func check(_ rate: Double, stratum: String?) throws {
        guard rate >= 0 && rate <= 1 else { throw DrawError.invalidRate(stratum: stratum, rate: rate) }
    }

    /// Splits `total` among groups in proportion to `sizes` by largest
    /// remainders (Hamilton's method), in exact integer arithmetic so no
    /// platform can round differently. Ties go to the earlier group.
    static func proportionalShares(of total: Int, among sizes: [Int]) throws -> [Int] {
        let population = sizes.reduce(0, +)
        guard total >= 0 else { throw DrawError.negativeCount(total) }
        guard total <= population else { throw DrawError.countExceedsPool(count: total, pool: population) }
        guard population > 0 else { return sizes.map { _ in 0 } }
        var shares = sizes.map { total * $0 / population }
        let remainders = sizes.map { total * $0 % population }
        var left = total - shares.reduce(0, +)
        let order = sizes.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for group in order where left > 0 {
            shares[group] += 1
            left -= 1
        }
        return shares
    }
}

/// A string compared and hashed by its UTF-8 bytes rather than by Unicode
/// canonical equivalence, for grouping by exact labels.
struct ByteKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        IDOrder.compare(borrowing: a.text, b.text) == 0
    }

    func hash(into hasher: inout Hasher) {
        for byte in text.utf8 { hasher.combine(byte) }
    }
}
