import Disclosure
import Foundation
import Store
import Testing
@testable import Spotcheck

/// The API serves stored records without decoding them; what it serves
/// must be the record `CountyOffice.publicRecord` reads, member for member.
@Suite("Published records served as stored")
struct PublishedRecordJSONTests {
    static func record(findings: [String], publishedOn: String = "2024-07-01") -> PublicationRecord {
        PublicationRecord(entityName: "宽城\"满族\"自治县\\某某超市", creditCode: "92130827MA00000011", planID: "2024-kuancheng-routine",
                          planTitle: "2024 年度\n双随机抽查", jurisdiction: "宽城满族自治县", departments: ["市场监督管理局", "消防救援大队"],
                          inspectedOn: "2024-06-12", resultCode: "problem", resultLabel: "发现问题", resultTone: "notice",
                          departmentResults: [.init(department: "market", departmentName: "市场监督管理局", resultCode: "problem", resultLabel: "发现问题")],
                          findings: findings, referrals: ["移送：公安机关"], decisions: nil, publishedOn: publishedOn, disclosureDue: "2024-07-10")
    }

    static func stored(_ r: PublicationRecord, text: String? = nil, publishedOn: String = "2024-07-01") -> DisclosureRecord {
        var d = DisclosureRecord(jurisdiction: "kuancheng", taskID: "p/T-0001", planID: r.planID, creditCode: r.creditCode, entityName: r.entityName,
                                 resultCode: r.resultCode, publishedOn: publishedOn, recordJSON: text ?? DisclosureRenderer.json([r]))
        d.auditSeq = 812
        d.auditHash = String(repeating: "ab", count: 32)
        return d
    }

    /// Whether the quick way serves `d`; when it does not, it appends nothing.
    func quick(_ d: DisclosureRecord) -> Bool {
        var out = Array("[".utf8)
        let taken = PublishedRecordJSON.appendStored(d, to: &out)
        if !taken { #expect(out == Array("[".utf8)) }
        return taken
    }

    func served(_ d: DisclosureRecord) throws -> [PublicationRecord] {
        try JSONDecoder().decode([PublicationRecord].self, from: Data(PublishedRecordJSON.array([d])))
    }

    @Test("the stored object, compacted, with the audit head: the same record publicRecord reads")
    func quickWay() throws {
        let texts = [[], ["灭火器过期 { [ , ] }", "路径 C:\\temp\\\"x\""], ["  前后有空格  ", "tab\tand\nnewline"], ["\"audit_seq\": 1 (a text, not a member)"]]
        for findings in texts {
            let d = Self.stored(Self.record(findings: findings))
            #expect(quick(d))
            let bytes = PublishedRecordJSON.array([d])
            #expect(!bytes.contains(UInt8(ascii: "\n")))
            let expected = try #require(CountyOffice.publicRecord(d))
            #expect(try served(d) == [expected])
            #expect(expected.auditSeq == 812)
        }
    }

    @Test("texts the quick way cannot be sure of go the long way, to the same record")
    func longWay() throws {
        // a text that has audit members already, a row published on another day than its text says
        var audited = Self.record(findings: [])
        (audited.auditSeq, audited.auditHash) = (7, "old")
        let cases = [Self.stored(audited), Self.stored(Self.record(findings: []), publishedOn: "2024-07-02")]
        for d in cases {
            #expect(!quick(d))
            #expect(try served(d) == [try #require(CountyOffice.publicRecord(d))])
        }
        // two records in one text: the long way serves the first, as publicRecord reads it
        let two = DisclosureRenderer.json([Self.record(findings: ["一"]), Self.record(findings: ["二"])])
        let d = Self.stored(Self.record(findings: []), text: two)
        #expect(!quick(d))
        #expect(try served(d).map(\.findings) == [["一"]])
    }

    @Test("an unreadable row is left out of the page, the others kept")
    func unreadable() throws {
        let good = Self.stored(Self.record(findings: ["好"]))
        let broken = Self.stored(Self.record(findings: []), text: "[{\"entity_name\": ")
        let page = try JSONDecoder().decode([PublicationRecord].self, from: Data(PublishedRecordJSON.array([broken, good, broken])))
        #expect(page.map(\.findings) == [["好"]])
    }
}
