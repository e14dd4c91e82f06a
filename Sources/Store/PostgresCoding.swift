import Foundation
import PostgresNIO

// Records to and from PostgreSQL through their Codable form, the way GRDB
// reads and writes them on SQLite: a field is the column its CodingKey
// names; `[String]` is JSON text; an enum is its raw string; a Bool is a
// boolean (or an integer 0/1, as SQLite keeps it). Values round-trip
// exactly (text, Int, Int64, Double, Bool, optionals), so a record read
// back from PostgreSQL has the same canonical form, bit for bit, as on
// SQLite.

/// One value sent to or read from PostgreSQL.
enum PostgresValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case text(String)
    case blob([UInt8])

    init(_ v: StoreValue) {
        switch v {
        case .null: self = .null
        case .int(let i): self = .int(i)
        case .double(let x): self = .double(x)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .blob(b)
        }
    }

    /// As a store value: a boolean is 0 or 1, as on SQLite.
    var storeValue: StoreValue {
        switch self {
        case .null: return .null
        case .int(let i): return .int(i)
        case .double(let x): return .double(x)
        case .bool(let b): return .int(b ? 1 : 0)
        case .text(let s): return .text(s)
        case .blob(let b): return .blob(b)
        }
    }

    /// Reads a cell of a result (PostgresNIO asks for results in binary form).
    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else { self = .null; return }
        switch cell.dataType {
        case .bool: self = .bool(try cell.decode(Bool.self))
        case .int2, .int4, .int8: self = .int(try cell.decode(Int64.self))
        case .float4, .float8: self = .double(try cell.decode(Double.self))
        case .numeric:
            let d = try cell.decode(Decimal.self)
            let text = "\(d)"
            if let i = Int64(text) { self = .int(i) } else { self = .double(NSDecimalNumber(decimal: d).doubleValue) }
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            self = .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        default:
            if cell.format == .text, var buffer = cell.bytes {
                self = .text(buffer.readString(length: buffer.readableBytes) ?? "")
            } else {
                self = .text(try cell.decode(String.self))
            }
        }
    }

    /// Appends the value as a bound parameter. Text is sent as `text`,
    /// integers as `bigint`, reals as `double precision`, bytes as `bytea`;
    /// NULL is sent untyped, so the server infers its type from where it is
    /// used (`CAST(? AS TEXT) IS NULL` makes it text).
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case .int(let i): bindings.append(i)
        case .double(let x): bindings.append(x)
        case .bool(let b): bindings.append(b)
        case .text(let s): bindings.append(s)
        case .blob(let b): bindings.append(ByteBuffer(bytes: b))
        }
    }
}

/// How records keep lists of strings: JSON text, as GRDB writes them.
enum StoredJSON {
    static func encode(_ list: [String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(list), as: UTF8.self)
    }

    static func decode(_ text: String, path: [any CodingKey]) throws -> [String] {
        do { return try JSONDecoder().decode([String].self, from: Data(text.utf8)) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "not a JSON list of strings: \(text)"))
        }
    }
}

// MARK: - Decoding a row

/// A `Decoder` over one result row: column name → value.
struct PostgresRowDecoder: Decoder {
    let columns: [String: PostgresValue]
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ row: PostgresRow) throws {
        var columns: [String: PostgresValue] = [:]
        for cell in row { columns[cell.columnName] = try PostgresValue(cell) }
        self.columns = columns
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(columns: columns, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is not a list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a row is not a single value"))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let columns: [String: PostgresValue]
        var codingPath: [any CodingKey]

        var allKeys: [Key] { columns.keys.compactMap { Key(stringValue: $0) } }
        func contains(_ key: Key) -> Bool { columns[key.stringValue] != nil }

        func value(_ key: Key) throws -> PostgresValue {
            guard let v = columns[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no column \(key.stringValue)"))
            }
            return v
        }

        func cell(_ key: Key) throws -> Cell { Cell(value: try value(key), codingPath: codingPath + [key]) }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try cell(key).decode(type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try cell(key).decode(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try cell(key).decode(type) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try cell(key).decode(type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try cell(key).decode(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try cell(key).decode(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try cell(key).decode(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try cell(key).decode(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try cell(key).decode(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try cell(key).decode(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try cell(key).decode(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try cell(key).decode(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try cell(key).decode(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try cell(key).decode(type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try cell(key).decode(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath + [key], debugDescription: "a column holds no nested record"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath + [key], debugDescription: "a column holds no nested list"))
        }
        func superDecoder() throws -> any Decoder { Cell(value: .null, codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { try cell(key) }
    }

    /// One column's value, as a decoder of a single value (enums decode through it).
    struct Cell: Decoder, SingleValueDecodingContainer {
        let value: PostgresValue
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            throw mismatch([String: Any].self)
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func mismatch(_ type: Any.Type) -> DecodingError {
            DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "the column holds \(value)"))
        }

        func decodeNil() -> Bool { value == .null }

        func decode(_ type: Bool.Type) throws -> Bool {
            switch value {
            case .bool(let b): return b
            case .int(0): return false
            case .int(1): return true
            default: throw mismatch(type)
            }
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .text(let s) = value else { throw mismatch(type) }
            return s
        }

        func decode(_ type: Double.Type) throws -> Double {
            switch value {
            case .double(let x): return x
            case .int(let i): return Double(i)
            default: throw mismatch(type)
            }
        }

        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

        func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            switch value {
            case .int(let i):
                guard let n = I(exactly: i) else { throw mismatch(type) }
                return n
            case .double(let x):
                guard let n = I(exactly: x) else { throw mismatch(type) }
                return n
            default: throw mismatch(type)
            }
        }

        func decode(_ type: Int.Type) throws -> Int { try integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == [String].self {
                return try StoredJSON.decode(try decode(String.self), path: codingPath) as! T
            }
            if type == [UInt8].self, case .blob(let b) = value { return b as! T }
            if type == Data.self, case .blob(let b) = value { return Data(b) as! T }
            return try T(from: self)
        }
    }
}

// MARK: - Encoding a record

/// An `Encoder` that lists a record's columns and their values, in the
/// order the record encodes them. A nil optional is listed as NULL.
final class PostgresRecordEncoder: Encoder {
    private(set) var columns: [(name: String, value: PostgresValue)] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func columns<R: Encodable>(of record: R) throws -> [(name: String, value: PostgresValue)] {
        let encoder = PostgresRecordEncoder()
        try record.encode(to: encoder)
        return encoder.columns
    }

    func add(_ name: String, _ value: PostgresValue) { columns.append((name, value)) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("a stored record is a set of columns, not a list")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        preconditionFailure("a stored record is a set of columns, not a single value")
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: PostgresRecordEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) { encoder.add(key.stringValue, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) { encoder.add(key.stringValue, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) { encoder.add(key.stringValue, .text(value)) }
        mutating func encode(_ value: Double, forKey key: Key) { encoder.add(key.stringValue, .double(value)) }
        mutating func encode(_ value: Float, forKey key: Key) { encoder.add(key.stringValue, .double(Double(value))) }
        mutating func encode(_ value: Int, forKey key: Key) { encoder.add(key.stringValue, .int(Int64(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) { encoder.add(key.stringValue, .int(Int64(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) { encoder.add(key.stringValue, .int(Int64(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) { encoder.add(key.stringValue, .int(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) { encoder.add(key.stringValue, .int(value)) }
        mutating func encode(_ value: UInt8, forKey key: Key) { encoder.add(key.stringValue, .int(Int64(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) { encoder.add(key.stringValue, .int(Int64(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) { encoder.add(key.stringValue, .int(Int64(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.add(key.stringValue, .int(try Self.int64(value, key))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.add(key.stringValue, .int(try Self.int64(value, key))) }

        static func int64<I: BinaryInteger>(_ value: I, _ key: Key) throws -> Int64 {
            guard let i = Int64(exactly: value) else {
                throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "too large for a bigint column"))
            }
            return i
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let list = value as? [String] {
                encoder.add(key.stringValue, .text(try StoredJSON.encode(list)))
            } else if let raw = value as? any RawRepresentable<String> {
                encoder.add(key.stringValue, .text(raw.rawValue))
            } else if let bytes = value as? [UInt8] {
                encoder.add(key.stringValue, .blob(bytes))
            } else if let data = value as? Data {
                encoder.add(key.stringValue, .blob(Array(data)))
            } else {
                let single = SingleValue()
                try value.encode(to: single)
                encoder.add(key.stringValue, single.value ?? .null)
            }
        }

        // Optionals: nil is an explicit NULL (the synthesized encoding would leave the column out).
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("a column holds no nested record")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("a column holds no nested list")
        }
        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
    }

    /// Captures the single value a column's type encodes itself as (an enum with a non-string raw value …).
    final class SingleValue: Encoder, SingleValueEncodingContainer {
        var value: PostgresValue?
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            preconditionFailure("a column holds no nested record")
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("a column holds no nested list") }
        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() { value = .null }
        func encode(_ v: Bool) { value = .bool(v) }
        func encode(_ v: String) { value = .text(v) }
        func encode(_ v: Double) { value = .double(v) }
        func encode(_ v: Float) { value = .double(Double(v)) }
        func encode(_ v: Int) { value = .int(Int64(v)) }
        func encode(_ v: Int8) { value = .int(Int64(v)) }
        func encode(_ v: Int16) { value = .int(Int64(v)) }
        func encode(_ v: Int32) { value = .int(Int64(v)) }
        func encode(_ v: Int64) { value = .int(v) }
        func encode(_ v: UInt8) { value = .int(Int64(v)) }
        func encode(_ v: UInt16) { value = .int(Int64(v)) }
        func encode(_ v: UInt32) { value = .int(Int64(v)) }
        func encode(_ v: UInt) throws { value = .int(try Self.int64(v)) }
        func encode(_ v: UInt64) throws { value = .int(try Self.int64(v)) }

        static func int64<I: BinaryInteger>(_ v: I) throws -> Int64 {
            guard let i = Int64(exactly: v) else {
                throw EncodingError.invalidValue(v, .init(codingPath: [], debugDescription: "too large for a bigint column"))
            }
            return i
        }
        func encode<T: Encodable>(_ v: T) throws { try v.encode(to: self) }
    }
}
