import Crypto

/// The published draw algorithms.
public enum DrawAlgorithm: String, Codable, Sendable, CaseIterable {
    /// RFC 3797 exactly: MD5, a 16-bit index, no label.
    case rfc3797 = "rfc3797"
    /// Spotcheck's default: SHA-256, a 64-bit index, and a label per stream.
    case spotcheckDrawV1 = "spotcheck-draw-v1"
}

/// A reproducible source of choices derived from a public key string.
///
/// Choice number i is hash(prefix ‖ index(i) ‖ key ‖ index(i)), read as a
/// big-endian integer and reduced modulo the number of options. Anyone with
/// the key, the algorithm and the label can recompute every choice with a few
/// lines in any language; nothing depends on a platform random generator.
///
/// Under `spotcheck-draw-v1` the prefix is UTF8(label) ‖ 0x00, so the stream
/// for one stratum never reuses the hashes of another, nor of the inspector
/// draw or the matching: each has its own label and therefore its own inputs.
public struct RandomStream: Sendable, Equatable {
    public let algorithm: DrawAlgorithm
    /// The key string (from `KeyString` or an announced seed), used as its UTF-8 bytes.
    public let key: String
    /// The stream's label; always empty under RFC 3797, which has none.
    public let label: String

    /// The RFC 3797 stream for `key`.
    public static func rfc3797(key: String) -> RandomStream {
        RandomStream(algorithm: .rfc3797, key: key, label: "")
    }

    /// A `spotcheck-draw-v1` stream for `key`, separated from others by `label`.
    public static func spotcheckV1(key: String, label: String) -> RandomStream {
        RandomStream(algorithm: .spotcheckDrawV1, key: key, label: label)
    }

    private init(algorithm: DrawAlgorithm, key: String, label: String) {
        self.algorithm = algorithm
        self.key = key
        self.label = label
    }

    /// The largest number of choices the stream can make (RFC 3797's index is 16 bits).
    public var maximumIndex: UInt64 {
        algorithm == .rfc3797 ? UInt64(UInt16.max) : UInt64.max
    }

    /// The exact bytes hashed for choice `index`, for audits and tests.
    public func hashInput(index: UInt64) -> [UInt8] {
        var hasher = ChoiceHasher(self)
        return hasher.input(index: index)
    }

    /// The digest for choice `index`.
    public func digest(index: UInt64) -> [UInt8] {
        var hasher = ChoiceHasher(self)
        return hasher.digest(index: index)
    }

    /// Choice `index` as a number in `0..<n`.
    ///
    /// - Precondition: `n > 0` and `index <= maximumIndex`.
    public func choice(index: UInt64, below n: Int) -> Int {
        var hasher = ChoiceHasher(self)
        return hasher.choice(index: index, below: n)
    }
}

/// Computes many choices of one stream, reusing one input buffer.
///
/// Drawing half a million entities means half a million hashes; building the
/// input afresh each time would dominate, so only the two index fields of a
/// prepared buffer are rewritten between choices.
struct ChoiceHasher {
    private let algorithm: DrawAlgorithm
    private var buffer: [UInt8]
    private let firstIndexAt: Int
    private let secondIndexAt: Int
    private let indexWidth: Int

    init(_ stream: RandomStream) {
        algorithm = stream.algorithm
        var bytes: [UInt8] = []
        if stream.algorithm == .spotcheckDrawV1 {
            bytes.append(contentsOf: Array(stream.label.utf8))
            bytes.append(0)
        }
        indexWidth = stream.algorithm == .rfc3797 ? 2 : 8
        firstIndexAt = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: indexWidth))
        bytes.append(contentsOf: Array(stream.key.utf8))
        secondIndexAt = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: indexWidth))
        buffer = bytes
    }

    mutating func input(index: UInt64) -> [UInt8] {
        write(index)
        return buffer
    }

    mutating func digest(index: UInt64) -> [UInt8] {
        write(index)
        switch algorithm {
        case .rfc3797: return Array(Insecure.MD5.hash(data: buffer))
        case .spotcheckDrawV1: return Array(SHA256.hash(data: buffer))
        }
    }

    mutating func choice(index: UInt64, below n: Int) -> Int {
        precondition(n > 0, "no options to choose from")
        write(index)
        let modulus = UInt64(n)
        switch algorithm {
        case .rfc3797:
            return Int(bigEndianRemainder(Insecure.MD5.hash(data: buffer), modulo: modulus))
        case .spotcheckDrawV1:
            return Int(bigEndianRemainder(SHA256.hash(data: buffer), modulo: modulus))
        }
    }

    private mutating func write(_ index: UInt64) {
        precondition(indexWidth == 8 || index <= UInt64(UInt16.max), "RFC 3797 index beyond 16 bits")
        for offset in 0..<indexWidth {
            let byte = UInt8(truncatingIfNeeded: index >> UInt64(8 * (indexWidth - 1 - offset)))
            buffer[firstIndexAt + offset] = byte
            buffer[secondIndexAt + offset] = byte
        }
    }
}
