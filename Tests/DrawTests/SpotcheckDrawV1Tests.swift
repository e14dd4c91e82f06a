import Testing
@testable import Draw

/// Vectors computed with an independent Python implementation of
/// spotcheck-draw-v1 (hashlib.sha256 over label ‖ 0x00 ‖ struct.pack('>Q', i)
/// ‖ key ‖ struct.pack('>Q', i), int.from_bytes(…, 'big') % remaining,
/// list.pop), not with this module.
@Suite("spotcheck-draw-v1")
struct SpotcheckDrawV1Tests {
    @Test("hash input is label ‖ 0x00 ‖ u64be(i) ‖ key ‖ u64be(i)")
    func hashInput() {
        let input = RandomStream.spotcheckV1(key: "k", label: "ab").hashInput(index: 0x0102)
        #expect(input == Array("ab".utf8) + [0] + [0, 0, 0, 0, 0, 0, 1, 2] + Array("k".utf8) + [0, 0, 0, 0, 0, 0, 1, 2])
    }

    @Test("digest of the first choice matches Python")
    func digest() {
        let stream = RandomStream.spotcheckV1(key: "1.2.3./42./", label: "stratum:A")
        #expect(stream.digest(index: 0) == bytes(hex: "744e013f982d0df8d6242679a3b69637fc4e660d67031c403842f4885bf11da7"))
    }

    @Test("selections match Python")
    func selections() throws {
        let a = try Selection.draw(5, from: 20, stream: .spotcheckV1(key: "1.2.3./42./", label: "stratum:A"))
        #expect(a == [3, 6, 12, 0, 17])
        let b = try Selection.draw(10, from: 1000, stream: .spotcheckV1(key: "beacon-2024-06-01", label: "test"))
        #expect(b == [160, 725, 524, 564, 103, 534, 413, 657, 754, 672])
    }

    @Test("the same key and label always give the same draw")
    func deterministic() throws {
        let stream = RandomStream.spotcheckV1(key: "seed", label: "x")
        #expect(try Selection.draw(50, from: 500, stream: stream) == Selection.draw(50, from: 500, stream: stream))
    }

    @Test("labels separate streams: different labels, different draws")
    func labelsSeparate() throws {
        let one = try Selection.draw(20, from: 10_000, stream: .spotcheckV1(key: "seed", label: "stratum:A"))
        let two = try Selection.draw(20, from: 10_000, stream: .spotcheckV1(key: "seed", label: "stratum:B"))
        #expect(one != two)
        // The zero byte ends the label: "a" + key "b…" differs from "ab" + key "…".
        let x = RandomStream.spotcheckV1(key: "bc", label: "a").hashInput(index: 0)
        let y = RandomStream.spotcheckV1(key: "c", label: "ab").hashInput(index: 0)
        #expect(x != y)
    }

    @Test("a different key gives a different draw")
    func keysMatter() throws {
        let one = try Selection.draw(20, from: 10_000, stream: .spotcheckV1(key: "seed-1", label: "l"))
        let two = try Selection.draw(20, from: 10_000, stream: .spotcheckV1(key: "seed-2", label: "l"))
        #expect(one != two)
    }
}
