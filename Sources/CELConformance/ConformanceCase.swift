import CEL

/// One test of a cel-spec "simple" file, read into what this runner needs.
struct ConformanceCase {
    enum Expectation {
        case value(CELValue)
        case error
    }

    var name: String
    var expr: String
    var checked: Bool
    var declarations: [(String, CELType)]
    var bindings: [String: CELValue]
    var expectation: Expectation

    /// Reads a test; returns a skip reason when the test needs protocol buffers.
    static func read(_ m: TextProtoMessage) throws -> Result<ConformanceCase, SkipReason> {
        let name = m.string("name") ?? "?"
        let expr = m.string("expr") ?? ""
        if let reason = protobufReason(expr) { return .failure(reason) }
        var decls: [(String, CELType)] = []
        for d in m.messages("type_env") {
            guard let n = d.string("name") else { continue }
            guard let typeMsg = d.message("ident")?.message("type") else { continue }
            guard let t = try celType(typeMsg) else { return .failure(SkipReason("declares a protocol buffer message type")) }
            decls.append((n, t))
        }
        var bindings: [String: CELValue] = [:]
        for entry in m.messages("bindings") {
            guard let key = entry.string("key"), let v = entry.message("value")?.message("value") else { continue }
            guard let value = try celValue(v) else { return .failure(SkipReason("binds a protocol buffer message")) }
            bindings[key] = value
        }
        let expectation: Expectation
        if m.first("eval_error") != nil || m.first("any_eval_errors") != nil {
            expectation = .error
        } else if let v = m.message("value") {
            guard let value = try celValue(v) else { return .failure(SkipReason("expects a protocol buffer message")) }
            expectation = .value(value)
        } else if m.first("unknown") != nil || m.first("any_unknowns") != nil {
            return .failure(SkipReason("expects unknowns, which need partial evaluation"))
        } else {
            expectation = .value(.bool(true))
        }
        return .success(ConformanceCase(name: name, expr: expr, checked: !m.bool("disable_check"),
                                        declarations: decls, bindings: bindings, expectation: expectation))
    }

    /// Protocol buffer messages (construction, well-known wrappers, enums) are out of scope.
    static func protobufReason(_ expr: String) -> SkipReason? {
        var scrubbed = expr
        for allowed in ["google.protobuf.Timestamp", "google.protobuf.Duration"] {
            scrubbed = scrubbed.replacingOccurrences(of: allowed, with: "")
        }
        if scrubbed.contains("google.protobuf.") { return SkipReason("uses protocol buffer well-known types") }
        if scrubbed.range(of: #"[A-Za-z_][A-Za-z0-9_.]*\s*\{"#, options: .regularExpression) != nil,
           scrubbed.range(of: #"(TestAllTypes|NestedTestAllTypes|[A-Z][A-Za-z]*)\s*\{"#, options: .regularExpression) != nil {
            return SkipReason("constructs a protocol buffer message")
        }
        if scrubbed.contains("TestAllTypes") { return SkipReason("uses protocol buffer test messages") }
        return nil
    }

    static func celType(_ t: TextProtoMessage) throws -> CELType? {
        if let p = t.string("primitive") {
            switch p {
            case "BOOL": return .bool
            case "INT64": return .int
            case "UINT64": return .uint
            case "DOUBLE": return .double
            case "STRING": return .string
            case "BYTES": return .bytes
            default: return .dyn
            }
        }
        if t.first("null") != nil { return .null }
        if t.first("dyn") != nil { return .dyn }
        if let w = t.string("well_known") {
            switch w {
            case "TIMESTAMP": return .timestamp
            case "DURATION": return .duration
            default: return .dyn
            }
        }
        if let msg = t.string("message_type") {
            switch msg {
            case "google.protobuf.Timestamp": return .timestamp
            case "google.protobuf.Duration": return .duration
            default: return nil
            }
        }
        if let l = t.message("list_type") {
            guard let e = l.message("elem_type") else { return .list(.dyn) }
            return try celType(e).map { .list($0) }
        }
        if let m = t.message("map_type") {
            guard let k = m.message("key_type").flatMap({ try? celType($0) }),
                  let v = m.message("value_type").flatMap({ try? celType($0) }) else { return .map(.dyn, .dyn) }
            return .map(k, v)
        }
        return .dyn
    }

    static func celValue(_ v: TextProtoMessage) throws -> CELValue? {
        if v.first("null_value") != nil { return .null }
        if v.first("bool_value") != nil { return .bool(v.bool("bool_value")) }
        if let s = v.string("int64_value") { return Int64(s).map { .int($0) } }
        if let s = v.string("uint64_value") { return UInt64(s).map { .uint($0) } }
        if let s = v.string("double_value") {
            switch s.lowercased() {
            case "inf", "infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            case "nan": return .double(.nan)
            default: return Double(s).map { .double($0) }
            }
        }
        if v.first("string_value") != nil { return .string(v.string("string_value")!) }
        if v.first("bytes_value") != nil { return .bytes(v.bytes("bytes_value") ?? []) }
        if let t = v.string("type_value") { return .type(t) }
        if let l = v.message("list_value") {
            var out: [CELValue] = []
            for e in l.messages("values") {
                guard let x = try celValue(e) else { return nil }
                out.append(x)
            }
            return .list(out)
        }
        if let m = v.message("map_value") {
            var pairs: [(CELValue, CELValue)] = []
            for e in m.messages("entries") {
                guard let k = try e.message("key").flatMap(celValue), let x = try e.message("value").flatMap(celValue) else { return nil }
                pairs.append((k, x))
            }
            return .map(try CELMap(pairs))
        }
        if let o = v.message("object_value") {
            for (name, value) in o.fields {
                guard case .message(let body) = value else { continue }
                let seconds = Int64(body.string("seconds") ?? "0") ?? 0
                let nanos = Int64(body.string("nanos") ?? "0") ?? 0
                if name.hasSuffix("google.protobuf.Duration]") { return .duration(try CELDuration(seconds: seconds, nanos: nanos)) }
                if name.hasSuffix("google.protobuf.Timestamp]") { return .timestamp(try CELTimestamp(seconds: seconds, nanos: Int32(nanos))) }
            }
            return nil
        }
        return nil
    }
}

struct SkipReason: Error {
    var text: String
    init(_ text: String) { self.text = text }
}

import Foundation
