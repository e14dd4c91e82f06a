import Draw
import Foundation
@testable import Spotcheck
import Testing

/// `DrawCertificateFile.decode` reads the row digests apart from the rest
/// when they are as written (`CertificateRead`); whatever the text, the
/// result, or the failure, is `JSONDecoder`'s.
@Suite struct CertificateReadTests {
    typealias F = PlanDrawFixture

    static func written() throws -> DrawCertificateFile {
        let loaded = try F.load(F.halalPlan)
        return try PlanDraw.run(PlanDrawRequest(entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors, seed: .announced("read")),
                                plan: loaded.plan, in: loaded.workspace).file
    }

    /// What `JSONDecoder` alone makes of `data`: the file, or nil when it throws.
    static func plain(_ data: Data) -> DrawCertificateFile? {
        try? JSONDecoder().decode(DrawCertificateFile.self, from: data)
    }

    @Test("a written certificate is read through the fast path, to the file JSONDecoder reads")
    func written() throws {
        let file = try Self.written()
        let data = try file.jsonData()
        let extracted = try #require(data.withUnsafeBytes { CertificateRead.extract($0) })
        #expect(Set(extracted.1.keys) == ["entities", "inspectors"])
        #expect(extracted.1["entities"] == file.directories["entities"]?.table)
        #expect(try DrawCertificateFile.decode(from: data) == file)
        #expect(Self.plain(data) == file)
    }

    /// Text edited by hand: each is read as `JSONDecoder` reads it.
    static func edits(_ text: String) -> [(String, String)] {
        let key = text.range(of: #""row_digests" : {"#)!
        let firstMember = text[key.upperBound...].firstIndex(of: "\"")!
        let memberEnd = text[firstMember...].firstIndex(of: ",")!
        let member = String(text[firstMember..<memberEnd])
        return [
            ("compact", text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " : ", with: ":")),
            ("members out of order", text.replacingOccurrences(of: #""row_digests" : {"#, with: #""row_digests" : {"~last" : "0123456789abcdef","#)),
            ("an escaped key", text.replacingOccurrences(of: #""row_digests" : {"#, with: #""row_digests" : {"a\"b" : "0123456789abcdef","#)),
            ("a key twice", text.replacingOccurrences(of: #""row_digests" : {"#, with: #""row_digests" : {"# + member + ",")),
            ("a digest that is not hex", text.replacingOccurrences(of: #""row_digests" : {"#, with: #""row_digests" : {"!" : "NOT HEX","#)),
            ("row_digests not an object", text.replacingOccurrences(of: #""row_digests" : {"#, with: #""row_digests" : "x", "unused" : {"#)),
            ("directories twice", text.replacingOccurrences(of: #""directories" : {"#, with: #""directories" : {}, "directories" : {"#)),
            ("a broken member", text.replacingOccurrences(of: #""row_digests" : {"#, with: #""row_digests" : {"x" "y","#)),
            ("text after the end", text + "{}"),
            ("cut short", String(text.prefix(text.count / 2))),
        ]
    }

    @Test("edited or broken text decodes, or fails, exactly as JSONDecoder decodes it")
    func editedText() throws {
        let text = String(decoding: try Self.written().jsonData(), as: UTF8.self)
        for (name, edited) in Self.edits(text) {
            let data = Data(edited.utf8)
            let expected = Self.plain(data)
            let read = try? DrawCertificateFile.decode(from: data)
            #expect(read == expected, "\(name)")
            #expect(read?.directories["entities"]?.rowDigests == expected?.directories["entities"]?.rowDigests, "\(name)")
        }
    }

    @Test("a table from a dictionary is in key byte order whatever the dictionary's order")
    func tableFromDictionary() {
        let digests = ["b": "00000000000000ff", "a": "odd", "é": "0000000000000001", "ab": "0000000000000002", "": "x"]
        let table = RowDigestTable(digests)
        #expect((0..<table.count).map(table.key) == ["", "a", "ab", "b", "é"])
        #expect(table.dictionary == digests)
    }
}
