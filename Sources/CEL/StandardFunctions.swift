import Foundation

/// The named functions of CEL's standard definitions (operators live in
/// Arithmetic and Equality). Each takes its receiver, if any, as the first
/// argument; a function that does not apply to its arguments' kinds returns
/// a "no matching overload" error value.
enum StandardFunctions {
    typealias Implementation = @Sendable ([CELValue]) -> CELValue

    /// Functions callable as `f(x, …)`.
    static let global: [String: Implementation] = [
        "size": { a in a.count == 1 ? size(a[0]) : .error(CELError("size takes one argument")) },
        "int": unary("int", Conversions.toInt),
        "uint": unary("uint", Conversions.toUint),
        "double": unary("double", Conversions.toDouble),
        "string": unary("string", Conversions.toString),
        "bytes": unary("bytes", Conversions.toBytes),
        "bool": unary("bool", Conversions.toBool),
        "timestamp": unary("timestamp", Conversions.toTimestamp),
        "duration": unary("duration", Conversions.toDuration),
        "dyn": unary("dyn") { $0 },
        "type": unary("type") { .type($0.typeName) },
        "matches": { a in a.count == 2 ? matches(a[0], a[1]) : .error(.noOverload("matches")) },
        "contains": { a in member("contains", a) },
        "startsWith": { a in member("startsWith", a) },
        "endsWith": { a in member("endsWith", a) },
    ]

    /// Functions callable as `x.f(…)`.
    static let member: [String: Implementation] = {
        var m: [String: Implementation] = [
            "size": { a in a.count == 1 ? size(a[0]) : .error(CELError("size takes no arguments")) },
            "contains": { a in strings(a, "contains") { hay, needle in containsScalars(hay, needle) } },
            "startsWith": { a in strings(a, "startsWith") { $0.unicodeScalars.starts(with: $1.unicodeScalars) } },
            "endsWith": { a in strings(a, "endsWith") { $0.unicodeScalars.reversed().starts(with: $1.unicodeScalars.reversed()) } },
            "matches": { a in a.count == 2 ? matches(a[0], a[1]) : .error(.noOverload("matches")) },
        ]
        for (name, accessor) in TimeAccessors.all { m[name] = accessor }
        return m
    }()

    private static func member(_ name: String, _ a: [CELValue]) -> CELValue {
        member[name]!(a)
    }

    private static func unary(_ name: String, _ f: @escaping @Sendable (CELValue) -> CELValue) -> Implementation {
        { a in a.count == 1 ? f(a[0]) : .error(CELError("\(name) takes one argument")) }
    }

    static func size(_ v: CELValue) -> CELValue {
        switch v {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: return .error(.noOverload("size", v))
        }
    }

    private static func strings(_ a: [CELValue], _ name: String, _ f: (String, String) -> Bool) -> CELValue {
        guard a.count == 2, case .string(let s) = a[0], case .string(let t) = a[1] else {
            return .error(.noOverload(name, a.first ?? .null, a.count > 1 ? a[1] : .null))
        }
        return .bool(f(s, t))
    }

    /// Substring search by code points: Swift's String.contains would apply
    /// canonical equivalence, which CEL does not.
    private static func containsScalars(_ s: String, _ t: String) -> Bool {
        let hay = Array(s.unicodeScalars), needle = Array(t.unicodeScalars)
        if needle.isEmpty { return true }
        if needle.count > hay.count { return false }
        for i in 0...(hay.count - needle.count) where hay[i..<i + needle.count].elementsEqual(needle) { return true }
        return false
    }

    /// RE2-style partial match (the pattern may match anywhere in the string).
    static func matches(_ s: CELValue, _ pattern: CELValue) -> CELValue {
        guard case .string(let text) = s, case .string(let p) = pattern else {
            return .error(.noOverload("matches", s, pattern))
        }
        if p.isEmpty { return .bool(true) }
        guard let re = RegexCache.shared.regex(p) else {
            return .error(CELError("invalid regular expression '\(p)'"))
        }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return .bool(re.firstMatch(in: text, options: [], range: range) != nil)
    }
}

/// Compiled regular expressions, so a rule's `matches` compiles its pattern
/// once rather than at every evaluation.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private var cache: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let r = cache[pattern] { return r }
        guard let r = try? NSRegularExpression(pattern: pattern) else { return nil }
        if cache.count > 1000 { cache.removeAll() }
        cache[pattern] = r
        return r
    }
}
