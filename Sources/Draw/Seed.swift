/// The public randomness a draw is keyed by, announced before the draw.
///
/// Either numbers that nobody controls and everybody can look up afterwards
/// (lottery results, index closes), combined into a key exactly as RFC 3797
/// does, or a string announced in advance (a public randomness beacon value),
/// used as the key byte for byte.
public enum Seed: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Randomness sources, each a list of decimal numbers.
    case numbers([[String]])
    /// An announced string, used as the key as it is.
    case announced(String)

    /// The key string the streams hash.
    ///
    /// - Throws: what `KeyString.rfc3797` throws, or `DrawError.emptySeed`.
    public func key() throws -> String {
        switch self {
        case .numbers(let sources):
            return try KeyString.rfc3797(sources: sources)
        case .announced(let text):
            guard !text.isEmpty else { throw DrawError.emptySeed }
            return text
        }
    }

    /// The seed as announced: sources separated by " | ", or the quoted string.
    public var description: String {
        switch self {
        case .numbers(let sources):
            return "numbers " + sources.map { $0.joined(separator: " ") }.joined(separator: " | ")
        case .announced(let text):
            return "announced \"\(text)\""
        }
    }

    private enum CodingKeys: String, CodingKey {
        case kind, sources, value
    }

    private enum Kind: String, Codable {
        case numbers, announced
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .numbers: self = .numbers(try container.decode([[String]].self, forKey: .sources))
        case .announced: self = .announced(try container.decode(String.self, forKey: .value))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .numbers(let sources):
            try container.encode(Kind.numbers, forKey: .kind)
            try container.encode(sources, forKey: .sources)
        case .announced(let value):
            try container.encode(Kind.announced, forKey: .kind)
            try container.encode(value, forKey: .value)
        }
    }
}
