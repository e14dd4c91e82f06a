import Disclosure
import Foundation
import Store

/// A stored disclosure as the API serves it, without decoding and
/// re-encoding it: the object kept at publication (the very text that was
/// published and chained in the audit log), without its layout white
/// space, with the audit head added. Decoding and encoding every record
/// of every search through `Codable` cost a third of the search's time.
///
/// A stored text that is not exactly one record object in an array, that
/// already names audit members, or whose day of publication differs from
/// its row's goes the long way (`CountyOffice.publicRecord`), so both ways
/// serve the same record.
public enum PublishedRecordJSON {
    /// Appends the record as one compact JSON object to `out`; false (and
    /// nothing appended) for a row whose stored text cannot be read.
    public static func append(_ d: DisclosureRecord, to out: inout [UInt8]) -> Bool {
        if appendStored(d, to: &out) { return true }
        guard let r = CountyOffice.publicRecord(d) else { return false }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(r) else { return false }
        out += data
        return true
    }

    /// The records of one page as a JSON array, unreadable rows left out.
    public static func array(_ records: [DisclosureRecord]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(records.count * 1024)
        var first = true
        for d in records {
            let mark = out.count
            if !first { out.append(UInt8(ascii: ",")) }
            if append(d, to: &out) { first = false } else { out.removeSubrange(mark...) }
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    typealias Key = PublicationRecord.CodingKeys

    /// Appends the stored object compacted, with `audit_seq` and `audit_hash`
    /// added; false (nothing appended) when the quick way cannot be sure it
    /// serves the same record.
    static func appendStored(_ d: DisclosureRecord, to out: inout [UInt8]) -> Bool {
        let mark = out.count
        var text = d.recordJSON
        let read = text.withUTF8 { text -> Bool in
            guard !contains(text, auditMember) else { return false }
            var compact = Compacted()
            for byte in text { guard compact.add(byte, to: &out) else { return false } }
            // `[` `{` … `}` `]`: one object, closed by the array's last byte.
            return compact.closedAtEnd && out.count - mark > 4 && out[mark] == UInt8(ascii: "[") && out[mark + 1] == UInt8(ascii: "{")
                && compact.firstInnerEnd == out.count - 2
        }
        guard read else {
            out.removeSubrange(mark...)
            return false
        }
        out.removeLast()        // the array's `]`
        out.removeLast()        // the object's `}`
        out.remove(at: mark)    // the array's `[`
        let day = Array("\"\(Key.publishedOn.stringValue)\":\"\(d.publishedOn)\"".utf8)
        let sameDay = out[mark...].withUnsafeBufferPointer { contains($0, day) }
        guard sameDay, d.auditHash.utf8.allSatisfy({ $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
            out.removeSubrange(mark...)
            return false
        }
        out += Array(",\"\(Key.auditSeq.stringValue)\":\(d.auditSeq),\"\(Key.auditHash.stringValue)\":\"\(d.auditHash)\"}".utf8)
        return true
    }

    /// A stored text naming an audit member (as a key, or inside a text) goes the long way.
    private static let auditMember = Array("\"audit_".utf8)

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ piece: [UInt8]) -> Bool {
        guard let first = piece.first, piece.count <= text.count else { return false }
        var i = 0
        let last = text.count - piece.count
        while i <= last {
            if text[i] == first {
                var k = 1
                while k < piece.count && text[i + k] == piece[k] { k += 1 }
                if k == piece.count { return true }
            }
            i += 1
        }
        return false
    }

    /// JSON text copied without the white space between its tokens; counts
    /// nesting so the caller knows where the outermost value closes.
    struct Compacted {
        private var inString = false
        private var escaped = false
        private var depth = 0
        /// The outermost value closed, and nothing but white space followed.
        private(set) var closedAtEnd = false
        /// Where in the output the first value inside the outermost one closed.
        private(set) var firstInnerEnd: Int?

        /// Copies `b` to `bytes` unless it is white space between tokens;
        /// false for text after the outermost value or a close without an open.
        mutating func add(_ b: UInt8, to bytes: inout [UInt8]) -> Bool {
            if inString {
                bytes.append(b)
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                return true
            }
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): return true
            default: break
            }
            if closedAtEnd { return false }
            bytes.append(b)
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 1, firstInnerEnd == nil { firstInnerEnd = bytes.count - 1 }
                if depth == 0 { closedAtEnd = true }
                if depth < 0 { return false }
            default: break
            }
            return true
        }
    }
}
