import Testing
@testable import Draw

@Suite("Stratified sampling")
struct StratifiedSamplerTests {
    /// A population with `sizes[s]` entities in stratum s, ids like "A-0007".
    func population(_ sizes: [String: Int]) -> [PopulationRecord] {
        sizes.sorted { $0.key < $1.key }.flatMap { stratum, size in
            (0..<size).map { PopulationRecord(id: "\(stratum)-\(String(1_000_000 + $0).dropFirst())", stratum: stratum) }
        }
    }

    @Test("k_s equals ceil(rate × N_s), computed exactly in integers, for every N up to 1000",
          arguments: [(5, 1000), (2, 100), (1, 10), (3, 10), (7, 100), (1, 3), (30, 100), (5, 10_000)])
    func ceilCounts(numerator: Int, denominator: Int) {
        let rate = Double(numerator) / Double(denominator)
        for n in 0...1000 {
            let exact = (numerator * n + denominator - 1) / denominator
            #expect(Rounding.ceil.count(rate: rate, population: n) == min(n, exact), "rate \(rate), N \(n)")
            #expect(Rounding.floor.count(rate: rate, population: n) == numerator * n / denominator)
            #expect(Rounding.round.count(rate: rate, population: n) == (2 * numerator * n + denominator) / (2 * denominator))
        }
    }

    @Test("0.05 × 200 is 10 under ceil, not 11")
    func floatingError() {
        #expect(Rounding.ceil.count(rate: 0.05, population: 200) == 10)
        #expect(Rounding.ceil.count(rate: 0.1, population: 30) == 3)
        #expect(Rounding.ceil.count(rate: 0.07, population: 100) == 7)
        #expect(Rounding.ceil.count(rate: 1.0, population: 7) == 7)
    }

    @Test("per-stratum rates: counts, population, achieved rate and gap")
    func perStratumRates() throws {
        let records = population(["A": 200, "B": 150, "C": 40, "D": 7])
        let report = try StratifiedSampler.sample(
            records, rule: .rates(["A": 0.005, "B": 0.02, "C": 0.10, "D": 0.30]), declaredRate: 0.05, key: "k")
        #expect(report.strata.map(\.name) == ["A", "B", "C", "D"])
        #expect(report.strata.map(\.population) == [200, 150, 40, 7])
        #expect(report.strata.map(\.count) == [1, 3, 4, 3])
        #expect(report.strata.map { $0.selected.count } == [1, 3, 4, 3])
        #expect(report.population == 397)
        #expect(report.count == 11)
        #expect(abs(report.achievedRate - 11.0 / 397.0) < 1e-12)
        #expect(abs(report.gap! - (11.0 / 397.0 - 0.05)) < 1e-12)
        for stratum in report.strata {
            #expect(stratum.selected.allSatisfy { $0.hasPrefix(stratum.name + "-") })
            #expect(Set(stratum.selected).count == stratum.selected.count)
        }
    }

    @Test("the row order of the input does not change the result", arguments: 0..<5)
    func rowOrder(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let records = population(["A": 300, "B": 120, "C": 9])
        let rule = SamplingRule.rates(["A": 0.05, "B": 0.1, "C": 0.5])
        let sorted = try StratifiedSampler.sample(records, rule: rule, key: "order")
        let shuffled = try StratifiedSampler.sample(records.shuffled(using: &random), rule: rule, key: "order")
        #expect(sorted == shuffled)
    }

    @Test("growing one stratum leaves the others' draws unchanged")
    func strataIndependent() throws {
        let rule = SamplingRule.rate(0.1)
        let before = try StratifiedSampler.sample(population(["A": 100, "B": 100]), rule: rule, key: "k")
        let after = try StratifiedSampler.sample(population(["A": 100, "B": 250]), rule: rule, key: "k")
        #expect(before.strata[0] == after.strata[0])
        #expect(before.strata[1] != after.strata[1])
    }

    @Test("one rate, a fixed count, all")
    func otherRules() throws {
        let records = population(["A": 60, "B": 30, "C": 10])
        let single = try StratifiedSampler.sample(records, rule: .rate(0.05), key: "k")
        #expect(single.strata.map(\.count) == [3, 2, 1])
        let fixed = try StratifiedSampler.sample(records, rule: .count(12), key: "k")
        #expect(fixed.count == 12)
        #expect(fixed.strata.map(\.count) == [7, 4, 1])  // quotas 7.2, 3.6, 1.2
        #expect(fixed.strata.allSatisfy { $0.rate == nil })
        let all = try StratifiedSampler.sample(records, rule: .all, key: "k")
        #expect(all.count == 100)
        #expect(Set(all.selected) == Set(records.map(\.id)))
    }

    @Test("largest remainders split a count exactly")
    func proportionalShares() throws {
        #expect(try StratifiedSampler.proportionalShares(of: 10, among: [10, 10, 10]) == [4, 3, 3])
        #expect(try StratifiedSampler.proportionalShares(of: 3, among: [5, 0, 5]) == [2, 0, 1])
        #expect(try StratifiedSampler.proportionalShares(of: 0, among: []) == [])
        #expect(throws: DrawError.countExceedsPool(count: 4, pool: 3)) {
            try StratifiedSampler.proportionalShares(of: 4, among: [1, 2])
        }
    }

    @Test("errors: a stratum without a rate, a bad rate, a duplicate id")
    func errors() {
        let records = population(["A": 5, "B": 5])
        #expect(throws: DrawError.noRateForStratum("B")) {
            try StratifiedSampler.sample(records, rule: .rates(["A": 0.5]), key: "k")
        }
        #expect(throws: DrawError.invalidRate(stratum: "A", rate: 1.5)) {
            try StratifiedSampler.sample(records, rule: .rates(["A": 1.5, "B": 0.1]), key: "k")
        }
        #expect(throws: DrawError.invalidRate(stratum: nil, rate: -0.1)) {
            try StratifiedSampler.sample(records, rule: .rate(-0.1), key: "k")
        }
        let twice = records + [PopulationRecord(id: "A-000003", stratum: "B")]
        #expect(throws: DrawError.duplicateID("A-000003", pool: "the population")) {
            try StratifiedSampler.sample(twice, rule: .rate(0.1), key: "k")
        }
    }
}
