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
        if let object = storedObject(d) {
            out += object
            return true
        }
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

    /// The stored object compacted, with `audit_seq` and `audit_hash` added;
    /// nil when the quick way cannot be sure it serves the same record.
    static func storedObject(_ d: DisclosureRecord) -> [UInt8]? {
        let text = Array(d.recordJSON.utf8)
        guard !text.contains(subsequence: Array("\"audit_".utf8)) else { return nil }
        var compact = Compacted(capacity: text.count)
        for byte in text { guard compact.add(byte) else { return nil } }
        // `[` `{` … `}` `]`: one object, closed by the array's last byte.
        guard compact.closedAtEnd, compact.bytes.count > 4, compact.bytes.first == UInt8(ascii: "["), compact.bytes[1] == UInt8(ascii: "{"),
              compact.firstInnerEnd == compact.bytes.count - 2 else { return nil }
        var object = Array(compact.bytes[1..<(compact.bytes.count - 2)])
        let day = Array("\"\(Key.publishedOn.stringValue)\":\"\(d.publishedOn)\"".utf8)
        guard object.contains(subsequence: day) else { return nil }
        object += Array(",\"\(Key.auditSeq.stringValue)\":\(d.auditSeq),\"\(Key.auditHash.stringValue)\":\"".utf8)
        object += Array(d.auditHash.utf8.filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        object += Array("\"}".utf8)
        return object
    }

    /// JSON text copied without the white space between its tokens; counts
    /// nesting so the caller knows where the outermost value closes.
    struct Compacted {
        var bytes: [UInt8] = []
        private var inString = false
        private var escaped = false
        private var depth = 0
        /// The outermost value closed, and nothing but white space followed.
        private(set) var closedAtEnd = false
        /// Where the first value inside the outermost one closed.
        private(set) var firstInnerEnd: Int?

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func add(_ b: UInt8) -> Bool {
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

extension Array where Element == UInt8 {
    func contains(subsequence s: [UInt8]) -> Bool {
        guard !s.isEmpty, s.count <= count else { return s.isEmpty }
        let first = s[0]
        var i = 0
        while i <= count - s.count {
            if self[i] == first && self[i..<(i + s.count)].elementsEqual(s) { return true }
            i += 1
        }
        return false
    }
}
