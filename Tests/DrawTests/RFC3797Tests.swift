import Testing
@testable import Draw

/// Vectors from RFC 3797 section 6 ("Fully Worked Example"): 25 volunteers,
/// key "9319./2.5.8.10.12./9.18.26.34.41.45./". The digests and the ten
/// selections are the RFC's; the eleventh selection (22) was computed with an
/// independent Python implementation (hashlib.md5, int.from_bytes, list.pop).
@Suite("RFC 3797 selection")
struct RFC3797Tests {
    let key = "9319./2.5.8.10.12./9.18.26.34.41.45./"

    @Test("hash input is u16be(i) ‖ key ‖ u16be(i)")
    func hashInput() {
        let input = RandomStream.rfc3797(key: "1./").hashInput(index: 258)
        #expect(input == [1, 2] + Array("1./".utf8) + [1, 2])
    }

    @Test("digests match the RFC's table")
    func digests() {
        let stream = RandomStream.rfc3797(key: key)
        #expect(stream.digest(index: 0) == bytes(hex: "990DD0A5692A029A98B5E01AA28F3459"))
        #expect(stream.digest(index: 1) == bytes(hex: "3691E55CB63FCC37914430B2F70B5EC6"))
        #expect(stream.digest(index: 2) == bytes(hex: "FE814EDF564C190AC1D25753979990FA"))
    }

    @Test("128-bit digests reduce modulo the remaining count as in the RFC")
    func remainders() {
        let stream = RandomStream.rfc3797(key: key)
        #expect(stream.choice(index: 0, below: 25) == 16)
        #expect(stream.choice(index: 1, below: 24) == 6)
    }

    @Test("the worked example selects 17 7 2 16 25 23 8 24 19 13")
    func workedExample() throws {
        let selected = try Selection.rfc3797(count: 10, poolSize: 25, key: key)
        #expect(selected == [17, 7, 2, 16, 25, 23, 8, 24, 19, 13])
        let eleven = try Selection.rfc3797(count: 11, poolSize: 25, key: key)
        #expect(eleven.last == 22)
    }

    @Test("the spec's example key 1.2.3./42./ over 25 (Python-computed: 1 21 24)")
    func specExample() throws {
        let key = try KeyString.rfc3797(sources: [KeyString.splitSource("1 2 3"), ["42"]])
        #expect(key == "1.2.3./42./")
        #expect(try Selection.rfc3797(count: 3, poolSize: 25, key: key) == [1, 21, 24])
    }

    @Test("selecting the whole pool yields a permutation")
    func wholePool() throws {
        let all = try Selection.rfc3797(count: 25, poolSize: 25, key: key)
        #expect(all.sorted() == Array(1...25))
    }

    @Test("counts beyond the pool or the 16-bit index are refused")
    func limits() {
        #expect(throws: DrawError.countExceedsPool(count: 26, pool: 25)) {
            try Selection.rfc3797(count: 26, poolSize: 25, key: key)
        }
        #expect(throws: DrawError.tooManySelectionsForRFC3797(65537)) {
            try Selection.rfc3797(count: 65537, poolSize: 70000, key: key)
        }
        #expect(throws: DrawError.negativeCount(-1)) {
            try Selection.rfc3797(count: -1, poolSize: 5, key: key)
        }
    }
}
