import Foundation

/// Everything needed to re-run a draw and to check that it was run as
/// announced: the algorithm, the seed and the key derived from it, the
/// fingerprints of the inputs, the eligible population and draw per
/// stratum, the teams and the matching.
///
/// The certificate is generic: what the hashes fingerprint and what the
/// metadata says (plan id, title, date) is the caller's business. Its JSON
/// has sorted keys so that the same draw always produces the same bytes,
/// and the file itself can be fingerprinted and published.
public struct Certificate: Codable, Sendable, Equatable {
    /// The format of this file, for readers that must tell versions apart.
    public var format: String
    /// The draw algorithm's published name, e.g. "spotcheck-draw-v1".
    public var algorithm: String
    public var seed: Seed
    /// The key string derived from the seed, as hashed.
    public var key: String
    /// Input name → SHA-256 hex, e.g. "plan" or "entities" (caller-supplied).
    public var hashes: [String: String]
    /// Descriptive fields supplied by the caller (plan id, title, date …).
    public var metadata: [String: String]
    /// The stratified draw, per stratum and in total.
    public var sample: SampleReport
    /// Every drawn entity id, stratum by stratum, in order of selection.
    public var selected: [String]
    /// Teams per department, in the order the departments were given.
    public var teams: [DepartmentTeams]
    /// Entity id → department → team.
    public var matching: [String: [String: MatchedTeam]]

    /// The current `format` value.
    public static let currentFormat = "spotcheck-draw-certificate/1"

    public init(
        algorithm: DrawAlgorithm = .spotcheckDrawV1,
        seed: Seed,
        key: String,
        hashes: [String: String],
        metadata: [String: String] = [:],
        sample: SampleReport,
        assignment: InspectorAssignment
    ) {
        format = Certificate.currentFormat
        self.algorithm = algorithm.rawValue
        self.seed = seed
        self.key = key
        self.hashes = hashes
        self.metadata = metadata
        self.sample = sample
        selected = sample.selected
        teams = assignment.teams
        matching = assignment.matching
    }

    /// Deterministic JSON: sorted keys, pretty-printed, slashes unescaped
    /// (keys such as "1.2.3./42./" stay readable), ending in a newline.
    public func jsonData() throws -> Data { try CertificateJSON.encode(self) }

    /// Reads a certificate written by `jsonData()`.
    public static func decode(from data: Data) throws -> Certificate {
        try JSONDecoder().decode(Certificate.self, from: data)
    }
}

/// The one JSON form certificates are published in: sorted keys,
/// pretty-printed, slashes unescaped, a final newline. Anyone re-encoding a
/// certificate this way gets the same bytes.
public enum CertificateJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0a)
        return data
    }
}
