import Testing
@testable import Draw

@Suite("Order-statistic selection")
struct RemainingPositionsTests {
    @Test("removing by rank agrees with array removal on random inputs", arguments: 0..<40)
    func agreesWithNaiveRemoval(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let n = Int.random(in: 1...300, using: &random)
        var tree = try RemainingPositions(count: n)
        var naive = Array(0..<n)
        let removals = Int.random(in: 1...n, using: &random)
        for _ in 0..<removals {
            let rank = Int.random(in: 0..<naive.count, using: &random)
            #expect(tree.remove(rank: rank) == naive.remove(at: rank))
            #expect(tree.count == naive.count)
        }
    }

    @Test("pool sizes around powers of two, emptied completely", arguments: [1, 2, 3, 7, 8, 9, 15, 16, 17, 64, 65])
    func edgesOfTheTree(n: Int) throws {
        var random = SplitMix64(seed: UInt64(n))
        var tree = try RemainingPositions(count: n)
        var naive = Array(0..<n)
        while !naive.isEmpty {
            let rank = Int.random(in: 0..<naive.count, using: &random)
            #expect(tree.remove(rank: rank) == naive.remove(at: rank))
        }
        #expect(tree.count == 0)
    }

    @Test("always removing the last or the first remaining")
    func extremes() throws {
        var fromEnd = try RemainingPositions(count: 10)
        #expect((0..<10).map { _ in fromEnd.remove(rank: fromEnd.count - 1) } == Array((0..<10).reversed()))
        var fromStart = try RemainingPositions(count: 10)
        #expect((0..<10).map { _ in fromStart.remove(rank: 0) } == Array(0..<10))
    }

    @Test("draws from ten million without array removal")
    func tenMillion() throws {
        let stream = RandomStream.spotcheckV1(key: "large", label: "stratum:all")
        let picks = try Selection.draw(2_000, from: 10_000_000, stream: stream)
        #expect(picks.count == 2_000)
        #expect(Set(picks).count == 2_000)
        #expect(picks.allSatisfy { (0..<10_000_000).contains($0) })
        // The same stream on a naive list agrees for the first choices.
        var naive = Array(0..<10_000_000)
        for (index, pick) in picks.prefix(5).enumerated() {
            #expect(naive.remove(at: stream.choice(index: UInt64(index), below: naive.count)) == pick)
        }
    }

    @Test("empty pool and oversize pool")
    func boundaries() throws {
        #expect(try Selection.draw(0, from: 0, stream: .rfc3797(key: "1./")) == [])
        #expect(throws: DrawError.poolTooLarge(Int(Int32.max) + 1)) {
            try RemainingPositions(count: Int(Int32.max) + 1)
        }
    }
}

@Suite("Big-endian remainder")
struct BigEndianRemainderTests {
    @Test("agrees with 128-bit arithmetic for every length up to 16 bytes", arguments: 0..<30)
    func agreesWithUInt128(seed: UInt64) {
        var random = SplitMix64(seed: 1000 + seed)
        for length in 0...16 {
            let input = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            var value: UInt128 = 0
            for byte in input { value = value << 8 | UInt128(byte) }
            for modulus in [1, 2, 7, 10, 25, 255, 1 << 40, UInt64.max, UInt64.random(in: 1...UInt64.max, using: &random)] {
                #expect(bigEndianRemainder(input, modulo: modulus) == UInt64(value % UInt128(modulus)))
            }
        }
    }

    @Test("a 256-bit value: (2^256 − 1) mod 1,000,003 (Python: 156648)")
    func twoHundredFiftySixBits() {
        let ones = [UInt8](repeating: 0xff, count: 32)
        #expect(bigEndianRemainder(ones, modulo: 1_000_003) == 156_648)
    }
}
