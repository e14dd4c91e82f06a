/// What was drawn from one stratum, and from how many.
public struct StratumReport: Codable, Sendable, Equatable {
    /// The stratum's label as the caller gave it.
    public var name: String
    /// N_s: the eligible entities in the stratum.
    public var population: Int
    /// rate_s; nil when the plan fixed a total count instead of rates.
    public var rate: Double?
    /// k_s: the entities drawn.
    public var count: Int
    /// The drawn ids, in order of selection.
    public var selected: [String]

    public init(name: String, population: Int, rate: Double?, count: Int, selected: [String]) {
        self.name = name
        self.population = population
        self.rate = rate
        self.count = count
        self.selected = selected
    }
}

/// The outcome of a stratified draw: per-stratum figures and the totals a
/// plan's declared rate is checked against.
public struct SampleReport: Codable, Sendable, Equatable {
    /// Strata in UTF-8 byte order of their names, the order they were drawn in.
    public var strata: [StratumReport]
    /// N: the whole eligible population.
    public var population: Int
    /// k: the entities drawn in all.
    public var count: Int
    /// k / N (0 for an empty population).
    public var achievedRate: Double
    /// The overall rate the plan announced, if any.
    public var declaredRate: Double?
    /// achievedRate − declaredRate: positive when the draw exceeds what the
    /// plan announced, which per-stratum rounding up usually causes.
    public var gap: Double?

    public init(strata: [StratumReport], declaredRate: Double?) {
        self.strata = strata
        population = strata.reduce(0) { $0 + $1.population }
        count = strata.reduce(0) { $0 + $1.count }
        achievedRate = population == 0 ? 0 : Double(count) / Double(population)
        self.declaredRate = declaredRate
        gap = declaredRate.map { achievedRate - $0 }
    }

    /// Every drawn id, stratum by stratum, each stratum in order of selection.
    public var selected: [String] { strata.flatMap(\.selected) }

    private enum CodingKeys: String, CodingKey {
        case strata, population, count
        case achievedRate = "achieved_rate"
        case declaredRate = "declared_rate"
        case gap
    }
}
