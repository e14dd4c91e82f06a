import Disclosure
import Store

/// A stored disclosure as the API serves it, without decoding and
/// re-encoding it: the object kept at publication (the very text that was
/// published and chained in the audit log), without its layout white
/// space, with the audit head added. Decoding and encoding every record
/// of every search through `Codable` cost a third of the search's time.
///
/// A stored text that is not exactly one record object in an array, that
/// has a member (or text) beginning `audit_`, or whose day of publication differs from
/// its row's goes the long way (`CountyOffice.publicRecord`), so both ways
/// serve the same record.
public enum PublishedRecordJSON {
    /// Appends the record as one compact JSON object to `out`; false (and
    /// nothing appended) for a row whose stored text cannot be read.
    public static func append(_ d: DisclosureRecord, to out: inout [UInt8]) -> Bool {
        if appendStored(d, to: &out) { return true }
        // The long way: the record read, given its audit head, rendered as
        // publication renders it, and compacted the same way.
        guard let r = CountyOffice.publicRecord(d) else { return false }
        return appendObject(of: DisclosureRenderer.json([r]), to: &out)
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
        guard appendObject(of: d.recordJSON, refusingAuditMembers: true, to: &out) else { return false }
        out.removeLast()        // the object's `}`, reopened for the audit head
        let day = Array("\"\(Key.publishedOn.stringValue)\":\"\(d.publishedOn)\"".utf8)
        let sameDay = out[mark...].withUnsafeBufferPointer { Compaction.contains($0, day) }
        guard sameDay, d.auditHash.utf8.allSatisfy({ $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
            out.removeSubrange(mark...)
            return false
        }
        out += Array(",\"\(Key.auditSeq.stringValue)\":\(d.auditSeq),\"\(Key.auditHash.stringValue)\":\"\(d.auditHash)\"}".utf8)
        return true
    }

    /// Appends the one object of a rendered array (`[{…}]`) compacted;
    /// false (nothing appended) for any other text, or, when asked, one
    /// where a string opens with `audit_`.
    static func appendObject(of rendered: String, refusingAuditMembers: Bool = false, to out: inout [UInt8]) -> Bool {
        let mark = out.count
        var text = rendered
        let shape = text.withUTF8 { text in Compaction.run(text, into: &out) }
        // `[` `{` … `}` `]`: one object, closed by the array's last byte.
        guard let shape, !(refusingAuditMembers && shape.namesAuditMember), out.count - mark > 4, out[mark] == UInt8(ascii: "["),
              out[mark + 1] == UInt8(ascii: "{"), shape.firstInnerEnd == out.count - 2 else {
            out.removeSubrange(mark...)
            return false
        }
        out.removeLast()        // the array's `]`
        out.remove(at: mark)    // the array's `[`
        return true
    }

    /// JSON text copied without the white space between its tokens, in runs
    /// (not byte by byte), noting where the outermost value's first member
    /// closes and whether any string opens with `audit_`.
    enum Compaction {
        struct Shape {
            /// Where in the output the first value inside the outermost one closed.
            var firstInnerEnd: Int?
            var namesAuditMember = false
        }

        static let auditPrefix = Array("audit_".utf8)

        /// Appends `text` compacted to `out`; nil for text after the
        /// outermost value, a close without an open, or an unclosed value.
        static func run(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Shape? {
            out.reserveCapacity(out.count + text.count + 128)
            var shape = Shape()
            var depth = 0
            var closed = false
            var runStart = 0
            var i = 0
            func flush(to end: Int) {
                if end > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<end])) }
            }
            while i < text.count {
                let b = text[i]
                switch b {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    flush(to: i)
                    runStart = i + 1
                case UInt8(ascii: "\""):
                    if closed { return nil }
                    if matches(text, at: i + 1, auditPrefix) { shape.namesAuditMember = true }
                    i += 1
                    while i < text.count && text[i] != UInt8(ascii: "\"") {
                        i += text[i] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    if i >= text.count { return nil }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if closed { return nil }
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if closed { return nil }
                    depth -= 1
                    if depth < 0 { return nil }
                    if depth == 1, shape.firstInnerEnd == nil { shape.firstInnerEnd = out.count + (i - runStart) }
                    if depth == 0 { closed = true }
                default:
                    if closed { return nil }
                }
                i += 1
            }
            flush(to: text.count)
            return closed ? shape : nil
        }

        static func matches(_ text: UnsafeBufferPointer<UInt8>, at start: Int, _ piece: [UInt8]) -> Bool {
            guard start + piece.count <= text.count else { return false }
            for k in piece.indices where text[start + k] != piece[k] { return false }
            return true
        }

        static func contains(_ text: UnsafeBufferPointer<UInt8>, _ piece: [UInt8]) -> Bool {
            guard !piece.isEmpty, piece.count <= text.count else { return false }
            for i in 0...(text.count - piece.count) where text[i] == piece[0] && matches(text, at: i, piece) { return true }
            return false
        }
    }
}
