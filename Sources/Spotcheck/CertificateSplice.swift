import Draw
import Foundation

/// Writes a certificate whose directories carry millions of row digests.
///
/// `JSONEncoder` is kept for everything else in the file, so the format
/// stays the one `CertificateJSON` defines; each `row_digests` object is
/// first encoded as a marker string (unique to this encoding), and the
/// marker is then replaced by the object written directly
/// (`RowDigestTable.writeJSONObject`) at the marker's indentation. The
/// bytes are those `CertificateJSON.encode` writes (a test compares them).
final class CertificateSplice: @unchecked Sendable {
    static let key = CodingUserInfoKey(rawValue: "spotcheck.certificate.row-digests")!

    private let nonce = UUID().uuidString
    // Filled while `JSONEncoder` runs, on its thread only.
    private var tables: [RowDigestTable] = []

    func marker(for table: RowDigestTable) -> String {
        tables.append(table)
        return "@@row-digests-\(nonce)-\(tables.count - 1)@@"
    }

    static func encode(_ file: DrawCertificateFile) throws -> Data {
        let splice = CertificateSplice()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.userInfo[key] = splice
        let skeleton = Array(try encoder.encode(file))
        var out: [UInt8] = []
        out.reserveCapacity(skeleton.count + splice.tables.reduce(0) { $0 + $1.count * 48 } + 1)
        // The encoder visits a dictionary's entries in hash order but writes
        // them sorted: the markers are replaced in the order they appear.
        var places: [(at: Int, length: Int, table: RowDigestTable)] = []
        for (index, table) in splice.tables.enumerated() {
            let quoted = Array("\"@@row-digests-\(splice.nonce)-\(index)@@\"".utf8)
            guard let at = find(quoted, in: skeleton, from: 0) else {
                throw EncodingError.invalidValue(index, .init(codingPath: [], debugDescription: "row digests marker not found"))
            }
            places.append((at, quoted.count, table))
        }
        var from = 0
        for place in places.sorted(by: { $0.at < $1.at }) {
            out.append(contentsOf: skeleton[from..<place.at])
            place.table.writeJSONObject(indent: indentation(of: place.at, in: skeleton), into: &out)
            from = place.at + place.length
        }
        out.append(contentsOf: skeleton[from...])
        out.append(0x0A)
        return Data(out)
    }

    /// The spaces that begin the line holding `position`.
    static func indentation(of position: Int, in bytes: [UInt8]) -> Int {
        var start = position
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        var spaces = 0
        while start + spaces < bytes.count, bytes[start + spaces] == 0x20 { spaces += 1 }
        return spaces
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
