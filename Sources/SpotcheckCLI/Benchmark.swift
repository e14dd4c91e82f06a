import Dispatch

/// A tiny benchmark harness: runs a body in rounds and reports the median
/// time per operation, since the machine is shared and single runs are noisy.
struct Benchmark {
    var name: String
    var rounds = 15
    var iterations: Int
    var target: String?

    /// Measures `body`, which performs one operation per call and returns a
    /// value folded into a checksum so the optimiser cannot drop it.
    func run(_ body: () -> Int) -> Measurement {
        var samples: [Double] = []
        var checksum = 0
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { checksum &+= body() }
            let end = DispatchTime.now().uptimeNanoseconds
            samples.append(Double(end - start) / Double(iterations))
        }
        samples.sort()
        return Measurement(name: name, medianNanos: samples[samples.count / 2],
                           minNanos: samples[0], target: target, checksum: checksum)
    }
}

struct Measurement {
    var name: String
    var medianNanos: Double
    var minNanos: Double
    var target: String?
    var checksum: Int

    var line: String {
        let t = target.map { "  (target \($0))" } ?? ""
        return "\(name): median \(Measurement.format(medianNanos)) per op, min \(Measurement.format(minNanos))\(t)"
    }

    static func format(_ ns: Double) -> String {
        if ns < 1_000 { return String(Int(ns.rounded())) + " ns" }
        if ns < 1_000_000 { return String((ns / 1_000 * 100).rounded() / 100) + " µs" }
        return String((ns / 1_000_000 * 100).rounded() / 100) + " ms"
    }
}
