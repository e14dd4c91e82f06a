import Testing
@testable import Draw

@Suite("RFC 3797 key string")
struct KeyStringTests {
    @Test("numbers sorted ascending within a source, sources kept in order")
    func sortsWithinSources() throws {
        let key = try KeyString.rfc3797(sources: [["3", "1", "2"], ["42"]])
        #expect(key == "1.2.3./42./")
        let swapped = try KeyString.rfc3797(sources: [["42"], ["2", "3", "1"]])
        #expect(swapped == "42./1.2.3./")
    }

    @Test("sorting is numeric, not textual")
    func numericOrder() throws {
        #expect(try KeyString.rfc3797(sources: [["100", "9", "10"]]) == "9.10.100./")
    }

    @Test("leading zeros dropped; zero stays zero")
    func leadingZeros() throws {
        #expect(try KeyString.rfc3797(sources: [["007", "0", "000", "10"]]) == "0.0.7.10./")
    }

    @Test("numbers beyond 64 bits keep every digit and sort by value")
    func hugeNumbers() throws {
        let big = "123456789012345678901234567890"
        let smaller = "99999999999999999999"
        #expect(try KeyString.rfc3797(sources: [[big, "0" + smaller]]) == "\(smaller).\(big)./")
        #expect(DecimalNumeral(smaller)! < DecimalNumeral(big)!)
        #expect(!(DecimalNumeral("0012")! < DecimalNumeral("12")!))
    }

    @Test("the RFC 3797 section 6 example key")
    func rfcExampleKey() throws {
        let key = try KeyString.rfc3797(sources: [["9319"], ["2", "5", "12", "8", "10"], ["9", "18", "26", "34", "41", "45"]])
        #expect(key == "9319./2.5.8.10.12./9.18.26.34.41.45./")
    }

    @Test("non-numbers are rejected, naming the source", arguments: ["-1", "1.5", "", "abc", "1e3", "+4", "١٢"])
    func rejectsNonNumbers(_ text: String) {
        #expect(throws: DrawError.invalidNumber(text, source: 1)) {
            try KeyString.rfc3797(sources: [["1"], ["2", text]])
        }
    }

    @Test("empty sources and no sources are errors")
    func emptySources() {
        #expect(throws: DrawError.emptySource(source: 0)) { try KeyString.rfc3797(sources: [[]]) }
        #expect(throws: DrawError.noSources) { try KeyString.rfc3797(sources: []) }
    }

    @Test("a typed source splits on spaces and commas")
    func splitsTypedSources() {
        #expect(KeyString.splitSource("1, 2,3  4") == ["1", "2", "3", "4"])
        #expect(KeyString.splitSource("  ") == [])
    }

    @Test("an announced seed is the key as it is")
    func announcedSeed() throws {
        #expect(try Seed.announced(" beacon/2024 ").key() == " beacon/2024 ")
        #expect(throws: DrawError.emptySeed) { try Seed.announced("").key() }
        #expect(try Seed.numbers([["2", "01"]]).key() == "1.2./")
    }
}

@Suite("Seed description")
struct SeedDescriptionTests {
    @Test("a seed reads as announced")
    func reads() {
        #expect(Seed.numbers([["1", "2"], ["42"]]).description == "numbers 1 2 | 42")
        #expect(Seed.announced("x").description == "announced \"x\"")
    }
}
