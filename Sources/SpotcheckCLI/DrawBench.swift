import Dispatch
import Draw

/// The draw figure of SPEC.md §11: a stratified draw of 5% from 10,000,000
/// entities in 4 strata, after loading.
///
/// The population is generated in memory (18-character ids shaped like
/// unified social credit codes, each in one of the strata A–D) and loaded
/// into a `Population` (ids packed into one buffer, strata numbered) before
/// the clock starts, so neither generation nor loading is timed. What is
/// timed is `StratifiedSampler.sample` from the loaded population to the
/// finished report: checking the ids for byte order and duplicates (sorting
/// them when they are not already in order), grouping them by stratum,
/// k_s = ceil(rate_s × N_s), and the k = 500,000 selections on SHA-256
/// streams with the order-statistic tree. Two figures: ids already in
/// byte order (a sorted database export) and ids in random order (which
/// adds the sort). Rates A 2%, B 4%, C 6%, D 8% over equal strata give 5%
/// overall. Median of at most 5 rounds: each round takes about a second.
enum DrawBench {
    static func run(rounds: Int) throws -> [Measurement] {
        let n = 10_000_000
        let strata = ["A", "B", "C", "D"]
        let rule = SamplingRule.rates(["A": 0.02, "B": 0.04, "C": 0.06, "D": 0.08])
        var sorted: [PopulationRecord] = []
        sorted.reserveCapacity(n)
        for i in 0..<n {
            sorted.append(PopulationRecord(id: uscc(i), stratum: strata[Int(mix(UInt64(i)) % 4)]))
        }
        var shuffled = sorted
        var state: UInt64 = 0x5eed
        for i in stride(from: n - 1, to: 0, by: -1) {
            state = mix(state)
            shuffled.swapAt(i, Int(state % UInt64(i + 1)))
        }
        var results: [Measurement] = []
        let rounds = max(1, min(rounds, 5))
        // Loading packs the ids and numbers the strata once; the draw starts from there.
        for (label, records) in [("ids in byte order", sorted), ("ids in random order", shuffled)] {
            let population = Population(records)
            var failure: (any Error)?
            let m = Benchmark(name: "draw 5% of 10,000,000 in 4 strata (\(label))", rounds: rounds, iterations: 1,
                              target: "≤ 1 s").run {
                do {
                    let report = try StratifiedSampler.sample(population, rule: rule, rounding: .ceil,
                                                              declaredRate: 0.05, key: "1.2.3./42./")
                    return report.count
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            results.append(m)
        }
        return results
    }

    /// An id of 18 characters: "91130827" and ten digits, increasing with i.
    static func uscc(_ i: Int) -> String {
        let digits = String(i)
        return "91130827" + String(repeating: "0", count: 10 - digits.count) + digits
    }

    /// SplitMix64's finaliser: a cheap, well-spread hash of an integer.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E3779B97F4A7C15
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
