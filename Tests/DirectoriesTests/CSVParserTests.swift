import Directories
import Testing

@Suite struct CSVParserTests {
    func parse(_ text: String) -> [CSVRecord] { CSVParser.parse(Array(text.utf8)) }
    func texts(_ records: [CSVRecord]) -> [[String]] { records.map { $0.cells.map(\.text) } }

    @Test func plainRecordsWithLFOrCRLFOrCR() {
        #expect(texts(parse("a,b\n1,2\n")) == [["a", "b"], ["1", "2"]])
        #expect(texts(parse("a,b\r\n1,2\r\n")) == [["a", "b"], ["1", "2"]])
        #expect(texts(parse("a,b\r1,2")) == [["a", "b"], ["1", "2"]])
        #expect(texts(parse("a,b\n1,2")) == [["a", "b"], ["1", "2"]])   // no final newline
        #expect(parse("a,b\r\n1,2\r\n").map(\.line) == [1, 2])
    }

    @Test func emptyCellsAndBlankLines() {
        #expect(texts(parse("a,,c,\n")) == [["a", "", "c", ""]])
        // Lines with no bytes hold no row; their numbers still count.
        let records = parse("a\n\n\r\nb\n")
        #expect(texts(records) == [["a"], ["b"]])
        #expect(records.map(\.line) == [1, 4])
        #expect(parse("").isEmpty)
    }

    @Test func byteOrderMarkIsSkippedAndNotCounted() {
        let records = CSVParser.parse([0xEF, 0xBB, 0xBF] + Array("id,名称\nx,y\n".utf8))
        #expect(texts(records) == [["id", "名称"], ["x", "y"]])
        #expect(records[0].cells[0].column == 1)
        #expect(records[0].cells[1].column == 4)
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() {
        let text = "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"line one\r\nline two\"\n4,\"\"\n"
        let records = parse(text)
        #expect(texts(records) == [["id", "note"], ["1", "a, b"], ["2", "say \"hi\""],
                                   ["3", "line one\r\nline two"], ["4", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
        #expect(records[3].cells[1].quoted)
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func cellPositionsCountCharactersNotBytes() {
        // 宽城镇 is 3 characters (9 bytes): the next cell starts at column 5;
        // after the quoted line break, 小学", puts x at column 5 of line 2.
        let records = parse("宽城镇,\"中心\n小学\",x\n")
        #expect(records[0].cells.map(\.column) == [1, 5, 5])
        #expect(records[0].cells.map(\.line) == [1, 1, 2])
        #expect(records[0].endLine == 2 && records[0].endColumn == 6)
    }

    @Test func bareQuoteInsideAnUnquotedFieldIsLiteral() {
        #expect(texts(parse("5\" pipe,x\n")) == [["5\" pipe", "x"]])
    }

    @Test func unterminatedQuoteIsReportedAtTheOpeningQuote() {
        let records = parse("id,note\n1,ok\n2,\"never closed\n3,x\n")
        #expect(records.count == 3)
        #expect(records[2].problem == CSVProblem(kind: .unterminatedQuote, line: 3, column: 3))
    }

    @Test func textAfterClosingQuoteIsReported() {
        let records = parse("\"ab\"cd,e\nf,g\n")
        #expect(records[0].problem == CSVProblem(kind: .textAfterClosingQuote, line: 1, column: 5))
        #expect(texts(records) == [["ab", "e"], ["f", "g"]])   // parsing goes on with the next record
    }

    @Test func invalidUTF8IsReportedAtTheCell() {
        let records = CSVParser.parse(Array("a,b\nx,".utf8) + [0xFF, 0x41] + Array("\n".utf8))
        #expect(records[1].problem == CSVProblem(kind: .invalidUTF8, line: 2, column: 3))
    }
}

@Suite struct CSVParserStreamingTests {
    @Test func recordsStreamInOrderAndStopOnRequest() {
        let bytes = Array("a,b\n1,2\n3,4\n".utf8)
        var seen: [String] = []
        let end = bytes.withUnsafeBufferPointer { buffer in
            CSVParser.forEachRecord(in: buffer) { record in
                seen.append(record.cells[0].text)
                return seen.count < 2
            }
        }
        #expect(seen == ["a", "1"])
        #expect(end.line == 3 && end.column == 1)   // stopped after the second record
        let all = bytes.withUnsafeBufferPointer { CSVParser.forEachRecord(in: $0) { _ in true } }
        #expect(all.line == 4 && all.column == 1)
    }

    @Test func theRecordEstimateIsAnUpperBoundThatIgnoresBlankLines() {
        for text in ["a\nb\nc\n", "a\r\nb\r\n", "a\rb", "a,\"x\ny\"\nb\n", "\n\n\n\n", "", "a"] {
            let bytes = Array(text.utf8)
            let estimate = bytes.withUnsafeBufferPointer(CSVParser.estimatedRecordCount)
            #expect(estimate >= CSVParser.parse(bytes).count, "\(text.debugDescription)")
            #expect(estimate <= CSVParser.parse(bytes).count + 2, "\(text.debugDescription)")
        }
    }
}
