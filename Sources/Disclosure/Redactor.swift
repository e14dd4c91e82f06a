import Foundation

/// A declared kind of personal data to remove before publication (SPEC §9).
public enum RedactionRule: Sendable, Hashable {
    /// PRC resident ID numbers: 18 digits (6-digit area code, birth date
    /// YYYYMMDD from 1900 to today, 3-digit sequence, ISO 7064 MOD 11-2 check
    /// character 0–9 or X in either case), or 15-digit first-generation
    /// numbers (YYMMDD). Optional single spaces or hyphens after the area code
    /// and after the birth date are accepted. Replaced by `[身份证号已隐去]`.
    case idCardNumbers
    /// Mainland mobile numbers `1[3-9]` + 9 digits (3-4-4, optional spaces or
    /// hyphens between the groups; optional `+86`, `0086`, `86` or `(+86)`
    /// prefix) and landlines `0` + 2–3 digit area code, optional hyphen,
    /// space or parentheses, 7–8 digits. Replaced by `[电话已隐去]`.
    case phoneNumbers
    /// Declared names of natural persons: every occurrence is replaced. A
    /// Chinese name of 2–4 characters becomes surname + 某 (compound surnames
    /// such as 欧阳 kept whole); any other name becomes `***`. Non-Chinese
    /// names match case-insensitively.
    case personNames([String])
    /// A declared regular expression (ICU syntax, as NSRegularExpression) and
    /// its replacement template (`$1` … refer to capture groups).
    case pattern(String, replacement: String)
}

/// How many values of each kind were redacted.
public struct RedactionReport: Codable, Sendable, Hashable {
    public var idCardNumbers = 0
    public var phoneNumbers = 0
    public var personNames = 0
    public var patterns = 0

    public init(idCardNumbers: Int = 0, phoneNumbers: Int = 0, personNames: Int = 0, patterns: Int = 0) {
        self.idCardNumbers = idCardNumbers
        self.phoneNumbers = phoneNumbers
        self.personNames = personNames
        self.patterns = patterns
    }

    public var total: Int { idCardNumbers + phoneNumbers + personNames + patterns }

    public static func + (a: RedactionReport, b: RedactionReport) -> RedactionReport {
        RedactionReport(idCardNumbers: a.idCardNumbers + b.idCardNumbers,
                        phoneNumbers: a.phoneNumbers + b.phoneNumbers,
                        personNames: a.personNames + b.personNames,
                        patterns: a.patterns + b.patterns)
    }

    public static func += (a: inout RedactionReport, b: RedactionReport) { a = a + b }
}

public enum RedactionError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPattern(String, reason: String)

    public var description: String {
        switch self {
        case let .invalidPattern(p, reason): return "invalid redaction pattern \(p): \(reason)"
        }
    }
}

/// Removes personal data from text and publication records by declared rules.
///
/// Never touched: the strings in `keep` (every occurrence), a record's own
/// credit code, and any 18-character unified social credit code in the text
/// that passes its GB 32100 checks. A match that overlaps one of these is
/// left whole rather than partly cut. Numbers are matched on digit
/// boundaries, so an ID or phone number inside a longer run of digits is not
/// touched. Full-width digits and signs (１３８…, ＋８６) match like ASCII ones.
///
/// When matches of different rules overlap, ID numbers win over phone
/// numbers, phone numbers over names, names over patterns (in declared order).
public struct Redactor: Sendable {

    public static let idReplacement = "[身份证号已隐去]"
    public static let phoneReplacement = "[电话已隐去]"
    public static let maskedName = "***"
    public static let compoundSurnames: [String] = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
        "令狐", "端木", "南宫", "西门", "独孤", "赫连", "呼延", "轩辕", "澹台", "公冶", "宗政", "濮阳", "太史",
        "申屠", "钟离", "闻人", "万俟", "司空", "仲孙", "淳于", "单于", "拓跋", "百里", "东郭", "左丘", "第五",
    ]

    public let rules: [RedactionRule]
    public let keep: [String]
    public let today: DisclosureDate

    private let ids: Bool
    private let phones: Bool
    private let names: [(name: String, replacement: String)]
    private let patterns: [(regex: NSRegularExpression, template: String)]

    private static let idRegex = try! NSRegularExpression(
        pattern: "(?<![0-9])(?:[0-9]{6}[ -]?[0-9]{8}[ -]?[0-9]{3}[0-9Xx]|[0-9]{15})(?![0-9])")
    private static let phoneRegex = try! NSRegularExpression(
        pattern: "(?<![0-9])(?:(?:(?:\\+|00)86|\\(\\+?86\\)|86)[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])"
            + "|(?<![0-9])(?:0[0-9]{2,3}[ -]?|\\(0[0-9]{2,3}\\)[ -]?)[0-9]{7,8}(?![0-9])")
    private static let creditCodeRegex = try! NSRegularExpression(
        pattern: "(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Za-z])")

    /// - Parameters:
    ///   - rules: what to redact.
    ///   - keep: strings never to touch, e.g. the entity's name and credit code.
    ///   - today: the latest birth date an ID number may carry (default: today
    ///     in China Standard Time).
    /// - Throws: `RedactionError.invalidPattern` for a pattern that does not compile.
    public init(rules: [RedactionRule], keep: [String] = [], today: DisclosureDate = .today()) throws {
        self.rules = rules
        self.keep = keep.filter { !$0.isEmpty }
        self.today = today
        var ids = false, phones = false
        var names: [String] = []
        var patterns: [(NSRegularExpression, String)] = []
        for rule in rules {
            switch rule {
            case .idCardNumbers: ids = true
            case .phoneNumbers: phones = true
            case let .personNames(list): names += list
            case let .pattern(p, replacement):
                do {
                    patterns.append((try NSRegularExpression(pattern: p), replacement))
                } catch {
                    throw RedactionError.invalidPattern(p, reason: "\(error)")
                }
            }
        }
        self.ids = ids
        self.phones = phones
        var seen = Set<String>()
        self.names = names
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
            .sorted { ($0 as NSString).length > ($1 as NSString).length }
            .map { ($0, Redactor.pseudonym(for: $0)) }
        self.patterns = patterns
    }

    /// What a declared name is replaced with: surname + 某 for a Chinese name
    /// of 2–4 Han characters, `***` otherwise.
    public static func pseudonym(for name: String) -> String {
        let chars = Array(name)
        guard (2...4).contains(chars.count), chars.allSatisfy(isHan) else { return maskedName }
        if chars.count >= 3, compoundSurnames.contains(String(chars[0..<2])) {
            return String(chars[0..<2]) + "某"
        }
        return String(chars[0]) + "某"
    }

    static func isHan(_ c: Character) -> Bool {
        guard c.unicodeScalars.count == 1, let v = c.unicodeScalars.first?.value else { return false }
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x20000...0x2EBEF).contains(v) || (0x30000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v)
    }

    // MARK: - Redaction

    public func redact(_ text: String) -> String {
        var report = RedactionReport()
        return redact(text, report: &report)
    }

    public func redact(_ record: PublicationRecord) -> PublicationRecord {
        var report = RedactionReport()
        return redact(record, report: &report)
    }

    /// Redacts `text`, adding what was removed to `report`.
    public func redact(_ text: String, report: inout RedactionReport) -> String {
        redact(text, extraKeep: [], report: &report)
    }

    /// Redacts every text field of `record`. The record's own credit code is
    /// kept (in its field and wherever it occurs), in addition to `keep`.
    public func redact(_ record: PublicationRecord, report: inout RedactionReport) -> PublicationRecord {
        let extra = record.creditCode.isEmpty ? [] : [record.creditCode]
        var local = RedactionReport()
        let result = record.mapText { redact($0, extraKeep: extra, report: &local) }
        report += local
        return result
    }

    /// Redacts records and reports the total of what was removed.
    public func redact(_ records: [PublicationRecord]) -> (records: [PublicationRecord], report: RedactionReport) {
        var report = RedactionReport()
        let out = records.map { redact($0, report: &report) }
        return (out, report)
    }

    private enum Kind { case id, phone, name, pattern }

    private struct Claim {
        var range: NSRange
        var replacement: String
        var kind: Kind
    }

    private func redact(_ text: String, extraKeep: [String], report: inout RedactionReport) -> String {
        if text.isEmpty { return text }
        let original = text as NSString
        let length = original.length
        let shadow = Redactor.asciiShadow(original) as NSString
        let whole = NSRange(location: 0, length: length)

        // Spans never to touch.
        var protected: [NSRange] = []
        for k in keep + extraKeep {
            var from = 0
            while from < length {
                let r = original.range(of: k, options: [.literal], range: NSRange(location: from, length: length - from))
                if r.location == NSNotFound { break }
                protected.append(r)
                from = r.location + max(r.length, 1)
            }
        }
        for m in Redactor.creditCodeRegex.matches(in: shadow as String, range: whole)
        where CreditCode.isValid(shadow.substring(with: m.range)) {
            protected.append(m.range)
        }

        var claims: [Claim] = []
        func free(_ r: NSRange) -> Bool {
            r.length > 0
                && !protected.contains { NSIntersectionRange($0, r).length > 0 }
                && !claims.contains { NSIntersectionRange($0.range, r).length > 0 }
        }

        if ids {
            for m in Redactor.idRegex.matches(in: shadow as String, range: whole) {
                let digits = shadow.substring(with: m.range).filter { $0 != " " && $0 != "-" }
                if ResidentIDNumber.isValid(digits, today: today), free(m.range) {
                    claims.append(Claim(range: m.range, replacement: Redactor.idReplacement, kind: .id))
                }
            }
        }
        if phones {
            for m in Redactor.phoneRegex.matches(in: shadow as String, range: whole) where free(m.range) {
                claims.append(Claim(range: m.range, replacement: Redactor.phoneReplacement, kind: .phone))
            }
        }
        for (name, replacement) in names {
            let options: NSString.CompareOptions = name.allSatisfy(Redactor.isHan) ? [.literal] : [.caseInsensitive]
            var from = 0
            while from < length {
                let r = original.range(of: name, options: options, range: NSRange(location: from, length: length - from))
                if r.location == NSNotFound || r.length == 0 { break }
                if free(r) { claims.append(Claim(range: r, replacement: replacement, kind: .name)) }
                from = r.location + r.length
            }
        }
        for (regex, template) in patterns {
            for m in regex.matches(in: text, range: whole) where free(m.range) {
                let replacement = regex.replacementString(for: m, in: text, offset: 0, template: template)
                claims.append(Claim(range: m.range, replacement: replacement, kind: .pattern))
            }
        }

        if claims.isEmpty { return text }
        claims.sort { $0.range.location < $1.range.location }
        var out = ""
        var cursor = 0
        for claim in claims {
            out += original.substring(with: NSRange(location: cursor, length: claim.range.location - cursor))
            out += claim.replacement
            cursor = claim.range.location + claim.range.length
            switch claim.kind {
            case .id: report.idCardNumbers += 1
            case .phone: report.phoneNumbers += 1
            case .name: report.personNames += 1
            case .pattern: report.patterns += 1
            }
        }
        out += original.substring(from: cursor)
        return out
    }

    /// The text with full-width ASCII forms (U+FF01–FF5E) and the ideographic
    /// space mapped to ASCII, UTF-16 offsets unchanged, so numbers written
    /// with full-width digits are found too.
    static func asciiShadow(_ s: NSString) -> String {
        var units = [UInt16](repeating: 0, count: s.length)
        s.getCharacters(&units, range: NSRange(location: 0, length: s.length))
        var changed = false
        for i in units.indices {
            let u = units[i]
            if u >= 0xFF01 && u <= 0xFF5E { units[i] = u - 0xFEE0; changed = true }
            else if u == 0x3000 { units[i] = 0x20; changed = true }
        }
        return changed ? String(utf16CodeUnits: units, count: units.count) : s as String
    }
}
