import Crypto
import Foundation

/// Lowercase hex SHA-256 of a text's UTF-8 (audit hashes, session token digests).
public func sha256Hex(_ text: String) -> String { sha256Hex(Array(text.utf8)) }

public func sha256Hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in SHA256.hash(data: bytes) {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// The unambiguous text form of a record that its audit entry hashes: every
/// field in declaration order as `name=length:value`, a list as its count
/// then its elements, nil as `name=nil`. Derived from the record's own
/// Codable form, so writing and verifying can never disagree about it and
/// every backend hashes a row the same, bit for bit.
struct Canonical {
    private(set) var text: String

    init(_ kind: String) { text = kind + "\n" }

    mutating func add(_ name: String, _ value: String) {
        text += name + "=" + String(value.utf8.count) + ":" + value + "\n"
    }

    mutating func addNil(_ name: String) { text += name + "=nil\n" }

    mutating func addCount(_ name: String, _ count: Int) { text += name + "#" + String(count) + "\n" }

    var sha256: String { sha256Hex(text) }

    /// The canonical form of `record`, labelled `kind`.
    static func of<R: Encodable>(_ record: R, kind: String) -> Canonical {
        let encoder = CanonicalEncoder(kind: kind)
        // Records are plain values of strings, numbers, booleans and lists of
        // strings: encoding them cannot fail.
        try? record.encode(to: encoder)
        return encoder.box.canonical
    }
}

/// An `Encoder` that writes `Canonical` text.
private final class CanonicalEncoder: Encoder {
    final class Box { var canonical: Canonical; init(_ c: Canonical) { canonical = c } }
    let box: Box
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(kind: String) { box = Box(Canonical(kind)) }
    private init(box: Box, path: [any CodingKey]) {
        self.box = box
        codingPath = path
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(box: box, path: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(box: box, path: codingPath, name: name) }
    func singleValueContainer() -> any SingleValueEncodingContainer { Single(box: box, path: codingPath, name: name) }

    var name: String { codingPath.map(\.stringValue).joined(separator: ".") }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box
        var codingPath: [any CodingKey]
        init(box: Box, path: [any CodingKey]) {
            self.box = box
            codingPath = path
        }
        /// The member's dotted name (a record's own members, the usual case, without building a path).
        func n(_ key: Key) -> String {
            codingPath.isEmpty ? key.stringValue : (codingPath + [key]).map(\.stringValue).joined(separator: ".")
        }
        mutating func encodeNil(forKey key: Key) { box.canonical.addNil(n(key)) }
        mutating func encode(_ value: Bool, forKey key: Key) { box.canonical.add(n(key), value ? "true" : "false") }
        mutating func encode(_ value: String, forKey key: Key) { box.canonical.add(n(key), value) }
        mutating func encode(_ value: Double, forKey key: Key) { box.canonical.add(n(key), String(value)) }
        mutating func encode(_ value: Int, forKey key: Key) { box.canonical.add(n(key), String(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) { box.canonical.add(n(key), String(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let list = value as? [String] {
                box.canonical.addCount(n(key), list.count)
                for element in list { box.canonical.add("-", element) }
            } else if let raw = value as? any RawRepresentable<String> {
                box.canonical.add(n(key), raw.rawValue)
            } else {
                try value.encode(to: CanonicalEncoder(box: box, path: codingPath + [key]))
            }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) {
            if let value { box.canonical.add(n(key), value) } else { box.canonical.addNil(n(key)) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) {
            if let value { box.canonical.add(n(key), value ? "true" : "false") } else { box.canonical.addNil(n(key)) }
        }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) {
            if let value { box.canonical.add(n(key), String(value)) } else { box.canonical.addNil(n(key)) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) {
            if let value { box.canonical.add(n(key), String(value)) } else { box.canonical.addNil(n(key)) }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { box.canonical.addNil(n(key)) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(box: box, path: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(box: box, path: codingPath + [key], name: n(key))
        }
        mutating func superEncoder() -> any Encoder { CanonicalEncoder(box: box, path: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { CanonicalEncoder(box: box, path: codingPath + [key]) }
    }

    /// A list nested in something other than a record field: each element
    /// is named by its index (`name.0`, `name.1` …), so no count is needed.
    final class Unkeyed: UnkeyedEncodingContainer {
        let box: Box
        var codingPath: [any CodingKey]
        let name: String
        var count = 0
        init(box: Box, path: [any CodingKey], name: String) {
            self.box = box
            codingPath = path
            self.name = name
        }
        private func next() -> String {
            defer { count += 1 }
            return name + "." + String(count)
        }
        func encodeNil() { box.canonical.addNil(next()) }
        func encode(_ value: String) { box.canonical.add(next(), value) }
        func encode(_ value: Bool) { box.canonical.add(next(), value ? "true" : "false") }
        func encode(_ value: Int) { box.canonical.add(next(), String(value)) }
        func encode(_ value: Int64) { box.canonical.add(next(), String(value)) }
        func encode(_ value: Double) { box.canonical.add(next(), String(value)) }
        func encode<T: Encodable>(_ value: T) throws {
            let key = IndexKey(intValue: count)
            count += 1
            try value.encode(to: CanonicalEncoder(box: box, path: codingPath + [key]))
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let key = IndexKey(intValue: count)
            count += 1
            return KeyedEncodingContainer(Keyed<NestedKey>(box: box, path: codingPath + [key]))
        }
        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let n = next()
            return Unkeyed(box: box, path: codingPath, name: n)
        }
        func superEncoder() -> any Encoder { CanonicalEncoder(box: box, path: codingPath) }
    }

    struct IndexKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(intValue: Int) { self.intValue = intValue; stringValue = String(intValue) }
        init?(stringValue: String) { return nil }
    }

    struct Single: SingleValueEncodingContainer {
        let box: Box
        var codingPath: [any CodingKey]
        let name: String
        init(box: Box, path: [any CodingKey], name: String) {
            self.box = box
            codingPath = path
            self.name = name
        }
        mutating func encodeNil() { box.canonical.addNil(name) }
        mutating func encode(_ value: Bool) { box.canonical.add(name, value ? "true" : "false") }
        mutating func encode(_ value: String) { box.canonical.add(name, value) }
        mutating func encode(_ value: Double) { box.canonical.add(name, String(value)) }
        mutating func encode(_ value: Int) { box.canonical.add(name, String(value)) }
        mutating func encode(_ value: Int64) { box.canonical.add(name, String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try value.encode(to: CanonicalEncoder(box: box, path: codingPath))
        }
    }
}
