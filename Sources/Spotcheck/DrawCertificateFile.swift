import Draw
import Foundation

/// `certificate.json` of a plan-driven draw: the generic `Draw` certificate
/// (every field of it at the top level, so any reader of that format reads
/// this file too) plus `directories`, the fingerprint of each directory with
/// a digest per row (see `DirectoryFingerprint`), so that `draw verify` can
/// say which row of which directory changed rather than only that a hash
/// differs. The certificate's `hashes.entities` and `hashes.inspectors` are
/// the fingerprints' `sha256`; `hashes.plan` is the SHA-256 of the plan
/// file's bytes.
///
/// The JSON has sorted keys and no timestamps, so the same draw always
/// writes the same bytes.
public struct DrawCertificateFile: Codable, Sendable, Equatable {
    public var certificate: Certificate
    /// "entities" and "inspectors" → fingerprint.
    public var directories: [String: DirectoryFingerprint]

    public init(certificate: Certificate, directories: [String: DirectoryFingerprint]) {
        self.certificate = certificate
        self.directories = directories
    }

    private enum CodingKeys: String, CodingKey { case directories }

    public init(from decoder: any Decoder) throws {
        certificate = try Certificate(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        directories = try container.decodeIfPresent([String: DirectoryFingerprint].self, forKey: .directories) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        try certificate.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(directories, forKey: .directories)
    }

    /// Deterministic JSON (sorted keys, pretty-printed), ending in a newline:
    /// the bytes `CertificateJSON.encode(self)` gives, with each directory's
    /// row digests written straight into them (`CertificateSplice`) rather
    /// than through `JSONEncoder`, which for a million rows builds and sorts
    /// a million-entry tree first.
    public func jsonData() throws -> Data { try CertificateSplice.encode(self) }

    /// Reads a certificate: what `JSONDecoder` reads, with the row digests
    /// read apart when they are as written (`CertificateRead`).
    public static func decode(from data: Data) throws -> DrawCertificateFile {
        try CertificateRead.decode(data)
    }
}
