#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// RFC 4180 CSV on raw UTF-8 bytes: quoted fields with `""` escapes, commas
/// and line breaks inside quotes, CRLF, LF or lone CR line ends, an optional
/// UTF-8 byte order mark. Directories reach millions of rows, so the parser
/// walks bytes once, never indexes a `String` by character, and can hand
/// records over one at a time (`forEachRecord`) instead of holding them all.
///
/// Leniencies, chosen to match what spreadsheet exports contain: a quote
/// inside an unquoted field is kept as a literal character, and lines with no
/// bytes at all are skipped (they hold no row). Everything else that is
/// malformed is reported on its record, never dropped silently; that
/// includes a NUL byte, which no text cell holds and which C-based tools
/// downstream would cut the text at.
public enum CSVParser {
    public static func parse(_ bytes: [UInt8]) -> [CSVRecord] {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [CSVRecord] {
        var records: [CSVRecord] = []
        forEachRecord(in: bytes) { records.append($0); return true }
        return records
    }

    /// An upper bound of the records in `bytes`, for reserving storage: the
    /// line ends that end a line with something on it, plus one. Blank lines
    /// hold no record, so a file of line breaks reserves nothing.
    /// The lines `bytes` ends (CRLF, LF or a lone CR each end one, inside
    /// quotes too): how far a part that starts after them is from line 1.
    public static func lineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                count += 1
            } else if b == 0x0D {
                count += 1
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        return count
    }

    public static func estimatedRecordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 1
        var previous: UInt8 = 0x0A
        for b in bytes {
            if (b == 0x0A || b == 0x0D) && previous != 0x0A && previous != 0x0D { count += 1 }
            previous = b
        }
        return count
    }

    /// Reads the records one by one, in order, until `body` returns false.
    /// Returns where reading stopped: after the last byte when every record
    /// was read (line and column as in `CSVCell`).
    ///
    /// `bytes` may be the rest of a file from a record's start on (a part
    /// read by another thread): `firstLine` is then that record's line, and
    /// a byte order mark is looked for only at a file's start.
    @discardableResult
    public static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1,
                                     _ body: (CSVRecord) throws -> Bool) rethrows -> (line: Int, column: Int) {
        var reader = ByteReader(bytes: bytes)
        reader.line = firstLine
        if firstLine == 1 { reader.skipByteOrderMark() }
        while !reader.atEnd {
            if reader.atLineEnd {
                reader.consumeLineEnd()
                continue
            }
            guard try body(reader.readRecord()) else { break }
        }
        return (reader.line, reader.column)
    }
}

private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")

/// The cursor over the bytes, keeping line and character column in step.
private struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1
    var column = 1
    /// Reused buffer for quoted cells, which need unescaping.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var atLineEnd: Bool { !atEnd && (bytes[index] == lf || bytes[index] == cr) }

    mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    /// Consumes CRLF, LF or a lone CR.
    mutating func consumeLineEnd() {
        if bytes[index] == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
        index += 1
        line += 1
        column = 1
    }

    /// Advances over one non-line-end byte; continuation bytes (10xxxxxx) do not start a character.
    mutating func advance() {
        if bytes[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
    }

    mutating func readRecord() -> CSVRecord {
        var record = CSVRecord(line: line, cells: [], endLine: line, endColumn: column, problem: nil)
        while true {
            let cell = atEnd || bytes[index] != quote ? readPlainCell() : readQuotedCell()
            if cell.problem != nil, record.problem == nil { record.problem = cell.problem }
            record.cells.append(cell.cell)
            if !atEnd, bytes[index] == comma {
                advance()
                continue
            }
            record.endLine = line
            record.endColumn = column
            if atLineEnd { consumeLineEnd() }
            record.byteEnd = index
            return record
        }
    }

    private mutating func readPlainCell() -> (cell: CSVCell, problem: CSVProblem?) {
        let startLine = line, startColumn = column, start = index
        var nul: CSVProblem?
        while !atEnd {
            let b = bytes[index]
            if b == comma || b == lf || b == cr { break }
            if b == 0, nul == nil { nul = CSVProblem(kind: .nulByte, line: line, column: column) }
            advance()
        }
        let (text, valid) = decode(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        let problem = nul ?? (valid ? nil : CSVProblem(kind: .invalidUTF8, line: startLine, column: startColumn))
        return (CSVCell(text: text, line: startLine, column: startColumn), problem)
    }

    private mutating func readQuotedCell() -> (cell: CSVCell, problem: CSVProblem?) {
        let startLine = line, startColumn = column
        advance()  // opening quote
        scratch.removeAll(keepingCapacity: true)
        var segment = index
        var closed = false
        var nul: CSVProblem?
        while !atEnd {
            let b = bytes[index]
            if b == 0, nul == nil { nul = CSVProblem(kind: .nulByte, line: line, column: column) }
            if b == quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<index]))
                advance()
                if !atEnd, bytes[index] == quote {  // escaped quote: keep one
                    scratch.append(quote)
                    advance()
                    segment = index
                    continue
                }
                closed = true
                break
            } else if b == lf || b == cr {
                // Line breaks inside quotes are part of the value, kept as
                // written; they stay in the current segment.
                consumeLineEnd()
            } else {
                advance()
            }
        }
        if !closed { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<index])) }
        let (text, valid) = scratch.withUnsafeBufferPointer { decode($0) }
        var problem: CSVProblem?
        if !closed {
            problem = CSVProblem(kind: .unterminatedQuote, line: startLine, column: startColumn)
        } else if let nul {
            problem = nul
        } else if !valid {
            problem = CSVProblem(kind: .invalidUTF8, line: startLine, column: startColumn)
        }
        if closed, !atEnd, bytes[index] != comma, !atLineEnd {
            if problem == nil { problem = CSVProblem(kind: .textAfterClosingQuote, line: line, column: column) }
            while !atEnd, bytes[index] != comma, !atLineEnd { advance() }
        }
        return (CSVCell(text: text, line: startLine, column: startColumn, quoted: true), problem)
    }

    /// Decodes UTF-8 and says whether the bytes were valid. Decoding repairs
    /// invalid sequences (with U+FFFD), so the bytes were valid exactly when
    /// the string holds the same bytes; this is cheaper than the generic
    /// `String(validating:as:)`, which dominated the import of Chinese text.
    private func decode(_ buffer: UnsafeBufferPointer<UInt8>) -> (String, Bool) {
        var text = String(decoding: buffer, as: UTF8.self)
        let valid = text.withUTF8 { decoded in
            decoded.count == buffer.count && (buffer.isEmpty || memcmp(decoded.baseAddress!, buffer.baseAddress!, buffer.count) == 0)
        }
        return (text, valid)
    }
}
