import Foundation

/// A declared kind of personal data to remove before publication (SPEC §9).
public enum RedactionRule: Sendable, Hashable {
    /// PRC resident ID numbers by their shape: 18 characters (6-digit area
    /// code of a known province, birth date YYYYMMDD from 1900 to today,
    /// 3-digit sequence, a check character 0–9 or X in either case, right or
    /// wrong), or 15-digit first-generation numbers (YYMMDD). Optional single
    /// spaces or hyphens after the area code and after the birth date are
    /// accepted. Replaced by `[身份证号已隐去]`.
    case idCardNumbers
    /// Mainland mobile numbers `1[3-9]` + 9 digits (3-4-4, optional spaces or
    /// hyphens between the groups; optional `+86`, `0086`, `86` or `(+86)`
    /// prefix) and landlines `0` + 2–3 digit area code, optional hyphen,
    /// space or parentheses, 7–8 digits. Replaced by `[电话已隐去]`.
    case phoneNumbers
    /// Declared names of natural persons, as directory cells hold them: every
    /// occurrence of each name is replaced, wherever it stands in the text.
    /// A cell may hold several names (`李雷、韩梅梅`, separated by 、，,；;／/|)
    /// and a bracketed note (`白芳（经营者）`): the note is dropped and each
    /// name is redacted on its own. A Chinese name of 2–4 characters becomes
    /// surname + 某 (compound surnames such as 欧阳 kept whole); any other
    /// name becomes `***`. Names match case-insensitively; a name that begins
    /// or ends with a Latin letter or digit matches only on a word boundary
    /// there (`Li Na` not inside `Li Nan`).
    case personNames([String])
    /// A declared regular expression (ICU syntax, as NSRegularExpression) and
    /// its replacement template (`$1` … refer to capture groups).
    case pattern(String, replacement: String)
    /// E-mail addresses (`local@domain.tld`, ASCII, full-width forms too).
    /// Replaced by `[邮箱已隐去]`.
    case emailAddresses
}

/// How many values of each kind were redacted.
public struct RedactionReport: Codable, Sendable, Hashable {
    public var idCardNumbers = 0
    public var phoneNumbers = 0
    public var personNames = 0
    public var patterns = 0
    public var emailAddresses = 0

    public init(idCardNumbers: Int = 0, phoneNumbers: Int = 0, personNames: Int = 0, patterns: Int = 0,
                emailAddresses: Int = 0) {
        self.idCardNumbers = idCardNumbers
        self.phoneNumbers = phoneNumbers
        self.personNames = personNames
        self.patterns = patterns
        self.emailAddresses = emailAddresses
    }

    public var total: Int { idCardNumbers + phoneNumbers + personNames + patterns + emailAddresses }

    public static func + (a: RedactionReport, b: RedactionReport) -> RedactionReport {
        RedactionReport(idCardNumbers: a.idCardNumbers + b.idCardNumbers,
                        phoneNumbers: a.phoneNumbers + b.phoneNumbers,
                        personNames: a.personNames + b.personNames,
                        patterns: a.patterns + b.patterns,
                        emailAddresses: a.emailAddresses + b.emailAddresses)
    }

    public static func += (a: inout RedactionReport, b: RedactionReport) { a = a + b }
}

/// A declared rule that cannot be used. Its messages are the project's own,
/// one language each: the regular-expression engine's error text (an
/// `NSCocoaErrorDomain` description) never reaches a user.
public enum RedactionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern does not compile; `reason` is a fixed English phrase,
    /// kept for source compatibility (use `zh` or `en` for messages).
    case invalidPattern(String, reason: String)

    public var zh: String {
        switch self {
        case let .invalidPattern(p, _): return "隐去模式“\(p)”不是有效的正则表达式"
        }
    }

    public var en: String {
        switch self {
        case let .invalidPattern(p, _): return "the redaction pattern '\(p)' is not a valid regular expression"
        }
    }

    public func message(chinese: Bool) -> String { chinese ? zh : en }

    /// Chinese, the project's default language.
    public var description: String { zh }
}

/// Removes personal data from text and publication records by declared rules.
///
/// Never touched: the strings in `keep` (every occurrence), a record's own
/// credit code (when it is a GB 32100 code or a 15-digit registration
/// number), and any 18-character unified social credit code in the text
/// that passes its GB 32100 checks and does not have the shape of an ID
/// number; one that does is kept only when the caller keeps it, since the
/// two cannot be told apart and publishing a person's number is the worse
/// mistake. A match that overlaps a kept span is left whole rather than
/// partly cut. Numbers are matched on digit boundaries, so an ID or phone
/// number inside a longer run of digits is not touched. Full-width digits,
/// letters and signs (１３８…, ＋８６, ＠) match like ASCII ones.
///
/// Invisible format characters (zero-width spaces and joiners, bidi
/// controls, the byte order mark, soft hyphens) are removed first: they have
/// no place in a public record, and inside a name or a number they would
/// hide it from matching while it still reads whole on screen.
///
/// When matches of different rules overlap, e-mail addresses win over ID
/// numbers (an address made of digits is an address), ID numbers over
/// phone numbers, phone numbers over names, names over patterns (in
/// declared order).
public struct Redactor: Sendable {

    public static let idReplacement = "[身份证号已隐去]"
    public static let phoneReplacement = "[电话已隐去]"
    public static let emailReplacement = "[邮箱已隐去]"
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
    private let emails: Bool
    private let names: [(name: String, replacement: String)]
    private let patterns: [(regex: NSRegularExpression, template: String)]

    private static let idRegex = try! NSRegularExpression(
        pattern: "(?<![0-9])(?:[0-9]{6}[ -]?[0-9]{8}[ -]?[0-9]{3}[0-9Xx]|[0-9]{15})(?![0-9])")
    private static let phoneRegex = try! NSRegularExpression(
        pattern: "(?<![0-9])(?:(?:(?:\\+|00)86|\\(\\+?86\\)|86)[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])"
            + "|(?<![0-9])(?:0[0-9]{2,3}[ -]?|\\(0[0-9]{2,3}\\)[ -]?)[0-9]{7,8}(?![0-9])")
    private static let creditCodeRegex = try! NSRegularExpression(
        pattern: "(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Za-z])")
    /// ASCII addresses only, so that Chinese text around an address is not
    /// taken into it (`邮箱a@b.cn联系`).
    private static let emailRegex = try! NSRegularExpression(
        pattern: "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![A-Za-z0-9-])")

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
        var ids = false, phones = false, emails = false
        var names: [String] = []
        var patterns: [(NSRegularExpression, String)] = []
        for rule in rules {
            switch rule {
            case .emailAddresses: emails = true
            case .idCardNumbers: ids = true
            case .phoneNumbers: phones = true
            case let .personNames(list): names += list
            case let .pattern(p, replacement):
                do {
                    patterns.append((try NSRegularExpression(pattern: p), replacement))
                } catch {
                    throw RedactionError.invalidPattern(p, reason: "not a valid regular expression")
                }
            }
        }
        self.ids = ids
        self.phones = phones
        self.emails = emails
        var seen = Set<String>()
        self.names = names
            .flatMap(Redactor.names(inDeclared:))
            .filter { seen.insert($0).inserted }
            .sorted { ($0 as NSString).length > ($1 as NSString).length }
            .map { ($0, Redactor.pseudonym(for: $0)) }
        self.patterns = patterns
    }

    // MARK: - Declared names

    /// Characters that separate several names in one directory cell.
    static let nameSeparators: Set<Character> = ["、", "，", ",", "；", ";", "／", "/", "|", "｜", "\n", "\r", "\r\n"]
    /// Brackets around a note in a cell: `白芳（经营者）`, `王芳[负责人]`.
    static let noteBrackets: [Character: Character] = ["（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕"]

    /// The names a declared cell holds: bracketed notes dropped, split at
    /// separators (and at spaces between Chinese names), invisible
    /// characters removed, each trimmed; a single character is no name. When
    /// nothing is left (a cell that is all note), the whole cell is the name.
    static func names(inDeclared cell: String) -> [String] {
        let visible = withoutInvisibles(cell)
        var parts: [String] = []
        var current = ""
        var closing: Character?
        for c in visible {
            if let close = closing {
                if c == close { closing = nil }
                continue
            }
            if let close = noteBrackets[c] {
                closing = close
            } else if nameSeparators.contains(c) {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        var names: [String] = []
        for part in parts {
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            let words = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
            // `白芳 李雷` is two names; `Li Na` is one.
            if words.count > 1, words.allSatisfy({ $0.allSatisfy(isHan) }) { names += words } else { names.append(trimmed) }
        }
        names = names.filter { $0.count >= 2 }
        if names.isEmpty {
            let whole = visible.trimmingCharacters(in: .whitespacesAndNewlines)
            return whole.isEmpty ? [] : [whole]
        }
        return names
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
    /// kept (in its field and wherever it occurs), in addition to `keep`,
    /// when it is an entity's code (`isEntityCode`).
    public func redact(_ record: PublicationRecord, report: inout RedactionReport) -> PublicationRecord {
        let extra = Redactor.isEntityCode(record.creditCode) ? [record.creditCode] : []
        var local = RedactionReport()
        let result = record.mapText { redact($0, extraKeep: extra, report: &local) }
        report += local
        return result
    }

    /// Whether a record's credit code field holds an entity's code: a GB 32100
    /// code, or a 15-digit registration number (注册号) of the years before.
    /// Anything else in that field is text like any other, so nothing can
    /// be published through it unredacted.
    static func isEntityCode(_ s: String) -> Bool {
        CreditCode.isValid(s) || (s.utf8.count == 15 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    }

    /// Redacts records and reports the total of what was removed.
    public func redact(_ records: [PublicationRecord]) -> (records: [PublicationRecord], report: RedactionReport) {
        var report = RedactionReport()
        let out = records.map { redact($0, report: &report) }
        return (out, report)
    }

    private enum Kind { case id, phone, name, pattern, email }

    private struct Claim {
        var range: NSRange
        var replacement: String
        var kind: Kind
    }

    private func redact(_ text: String, extraKeep: [String], report: inout RedactionReport) -> String {
        let text = Redactor.withoutInvisibles(text)
        if text.isEmpty { return text }
        let original = text as NSString
        let length = original.length
        let shadow = Redactor.asciiShadow(original) as NSString
        let whole = NSRange(location: 0, length: length)

        // Spans never to touch.
        var protected: [NSRange] = []
        for k in (keep + extraKeep).map(Redactor.withoutInvisibles) where !k.isEmpty {
            var from = 0
            while from < length {
                let r = original.range(of: k, options: [.literal], range: NSRange(location: from, length: length - from))
                if r.location == NSNotFound { break }
                protected.append(r)
                from = r.location + max(r.length, 1)
            }
        }
        for m in Redactor.creditCodeRegex.matches(in: shadow as String, range: whole) {
            let code = shadow.substring(with: m.range)
            if CreditCode.isValid(code), !(ids && ResidentIDNumber.isIDShaped(code, today: today)) {
                protected.append(m.range)
            }
        }

        var claims: [Claim] = []
        func free(_ r: NSRange) -> Bool {
            r.length > 0
                && !protected.contains { NSIntersectionRange($0, r).length > 0 }
                && !claims.contains { NSIntersectionRange($0.range, r).length > 0 }
        }

        if emails {
            for m in Redactor.emailRegex.matches(in: shadow as String, range: whole) where free(m.range) {
                claims.append(Claim(range: m.range, replacement: Redactor.emailReplacement, kind: .email))
            }
        }
        if ids {
            for m in Redactor.idRegex.matches(in: shadow as String, range: whole) {
                let digits = shadow.substring(with: m.range).filter { $0 != " " && $0 != "-" }
                if ResidentIDNumber.isIDShaped(digits, today: today), free(m.range) {
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
            for r in Redactor.occurrences(of: name, in: shadow) where free(r) {
                claims.append(Claim(range: r, replacement: replacement, kind: .name))
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
            case .email: report.emailAddresses += 1
            }
        }
        out += original.substring(from: cursor)
        return out
    }

    /// Where `name` occurs in `shadow` (the ASCII shadow of the text),
    /// case-insensitively; an end of the name that is a Latin letter or digit
    /// must not touch another one (`Li Na` is not in `Li Nan` or `Elina`).
    static func occurrences(of name: String, in shadow: NSString) -> [NSRange] {
        let needle = asciiShadow(name as NSString)
        let units = Array(needle.utf16)
        guard let first = units.first, let last = units.last else { return [] }
        let checkBefore = isLatinWordUnit(first), checkAfter = isLatinWordUnit(last)
        // A name without cased letters (any Chinese name) needs no case folding.
        let caseless = needle.lowercased() == needle && needle.uppercased() == needle
        let options: NSString.CompareOptions = caseless ? [.literal] : [.caseInsensitive]
        let length = shadow.length
        var found: [NSRange] = []
        var from = 0
        while from < length {
            let r = shadow.range(of: needle, options: options, range: NSRange(location: from, length: length - from))
            if r.location == NSNotFound || r.length == 0 { break }
            let end = r.location + r.length
            let clearBefore = !checkBefore || r.location == 0 || !isLatinWordUnit(shadow.character(at: r.location - 1))
            let clearAfter = !checkAfter || end >= length || !isLatinWordUnit(shadow.character(at: end))
            if clearBefore && clearAfter {
                found.append(r)
                from = end
            } else {
                from = r.location + 1
            }
        }
        return found
    }

    /// ASCII letters and digits and the Latin letters of U+00C0–024F and
    /// U+1E00–1EFF (é, ü, ạ …): what a Latin word is made of.
    static func isLatinWordUnit(_ u: UInt16) -> Bool {
        switch u {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0xD7, 0xF7: return false   // × and ÷
        case 0xC0...0x24F, 0x1E00...0x1EFF: return true
        default: return false
        }
    }

    /// Format characters that show nothing: soft hyphen, zero-width space,
    /// non-joiner and joiner, left-to-right and right-to-left marks, the bidi
    /// embeddings, overrides and isolates, word joiner and invisible
    /// operators, the byte order mark.
    static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    static func withoutInvisibles(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isInvisible($0.value) }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where !isInvisible(u.value) { out.append(u) }
        return String(out)
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
