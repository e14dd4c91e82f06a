import Testing
@testable import Draw

/// The reference order: UTF-8 bytes compared with the standard library's
/// plain lexicographic comparison of arrays.
func byteSorted(_ ids: [String]) -> [String] {
    ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

@Suite("Id order")
struct IDOrderTests {
    @Test("ids sort by UTF-8 bytes, not by Swift's String order")
    func byteOrder() {
        #expect(IDOrder.precedes("B", "a"))
        #expect(IDOrder.precedes("a", "ab"))
        #expect(!IDOrder.precedes("ab", "ab"))
        // "é" precomposed (C3 A9) sorts after "e\u{301}" (65 CC 81) by bytes.
        #expect(IDOrder.precedes("e\u{301}", "\u{e9}"))
        #expect(IDOrder.sorted(["b", "Z", "a", "10", "9"]) == ["10", "9", "Z", "a", "b"])
    }

    @Test("the radix sort agrees with a plain byte sort on awkward ids", arguments: 0..<20)
    func radixAgreesWithReference(seed: UInt64) {
        var random = SplitMix64(seed: 500 + seed)
        // A long shared prefix, differences before and after the 8-byte key,
        // ids that are prefixes of others, zero bytes, non-ASCII, empty ids.
        let alphabet: [String] = ["0", "1", "9", "A", "z", "\u{0}", "é", "e\u{301}", "中", "\u{ff}"]
        let prefix = seed % 2 == 0 ? "91130827MA" : ""
        let ids = (0..<Int.random(in: 2...400, using: &random)).map { _ in
            prefix + (0..<Int.random(in: 0...14, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
        }
        let reference = byteSorted(ids)
        #expect(IDOrder.sorted(ids).map { Array($0.utf8) } == reference.map { Array($0.utf8) })
    }

    @Test("a few ids (sorted by comparison) and many (radix sorted) come out in the same byte order",
          arguments: [1, IDOrder.smallSort, IDOrder.smallSort + 1, 3 * IDOrder.smallSort])
    func smallAndLargeAgree(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        let alphabet: [String] = ["0", "9", "A", "z", "é", "e\u{301}", "中", "\u{0}"]
        let ids = (0..<count).map { _ in (0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
        #expect(IDOrder.sorted(ids).map { Array($0.utf8) } == byteSorted(ids).map { Array($0.utf8) })
    }

    @Test("the permutation is stable and finds a duplicate hidden in unsorted input")
    func duplicatesWhenUnsorted() throws {
        let ids = ["X-3", "X-1", "X-2", "X-1", "X-0"]
        let result = PackedIDs(ids).sortedOrder()
        #expect(result.order == [4, 1, 3, 2, 0])
        #expect(result.duplicate == 3)
        let records = ids.map { PopulationRecord(id: $0, stratum: "s") }
        #expect(throws: DrawError.duplicateID("X-1", pool: "the population")) {
            try StratifiedSampler.sample(records, rule: .rate(0.5), key: "k")
        }
    }

    @Test("already sorted input is recognised and needs no permutation")
    func presorted() {
        #expect(PackedIDs(["a", "b", "c"]).sortedOrder().order == nil)
        #expect(PackedIDs(["a", "b", "b"]).sortedOrder().duplicate == 2)
        #expect(PackedIDs([String]()).sortedOrder().order == nil)
    }

    @Test("strata that differ only in Unicode normalisation stay apart")
    func strataByBytes() throws {
        let records = [PopulationRecord(id: "1", stratum: "\u{e9}"), PopulationRecord(id: "2", stratum: "e\u{301}")]
        let report = try StratifiedSampler.sample(records, rule: .all, key: "k")
        #expect(report.strata.count == 2)
    }
}
