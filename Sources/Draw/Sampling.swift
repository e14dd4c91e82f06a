/// How many entities a plan draws from each stratum.
public enum SamplingRule: Sendable, Equatable {
    /// A rate per stratum; a stratum missing from the table is an error.
    case rates([String: Double])
    /// One rate for every stratum.
    case rate(Double)
    /// A fixed total, shared among strata in proportion to their size
    /// (largest remainders, ties to the stratum first in byte order), so a
    /// plan without strata gets exactly this many.
    case count(Int)
    /// Every entity.
    case all
}

/// How a fractional count rate × N becomes a whole number of entities.
public enum Rounding: String, Codable, Sendable, CaseIterable {
    /// Up: "不少于", at least the rate. The plans' default.
    case ceil
    /// To nearest, halves up (四舍五入).
    case round
    /// Down: at most the rate.
    case floor

    /// The count for `rate` of `population`, capped at the population.
    ///
    /// Products such as 0.05 × 200 come out of floating point as
    /// 10.000000000000002; taken literally, ceil would draw 11. Values within
    /// a relative 1e-9 of a whole number are therefore taken as that number
    /// first, a tolerance far above double rounding error and far below any
    /// rate a plan would write.
    public func count(rate: Double, population: Int) -> Int {
        let exact = rate * Double(population)
        let nearest = exact.rounded()
        let snapped = abs(exact - nearest) <= 1e-9 * max(1, abs(exact)) ? nearest : exact
        let whole: Double
        switch self {
        case .ceil: whole = snapped.rounded(.up)
        case .round: whole = snapped.rounded(.toNearestOrAwayFromZero)
        case .floor: whole = snapped.rounded(.down)
        }
        return min(population, max(0, Int(whole)))
    }
}

/// One entity of the population: its id and the stratum it falls in.
public struct PopulationRecord: Sendable, Hashable, Codable {
    public var id: String
    public var stratum: String

    public init(id: String, stratum: String) {
        self.id = id
        self.stratum = stratum
    }
}
