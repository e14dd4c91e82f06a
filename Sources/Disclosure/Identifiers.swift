import Foundation

/// PRC resident identity card numbers (GB 11643).
public enum ResidentIDNumber {
    /// First two digits of the area code: provinces, autonomous regions,
    /// municipalities, Taiwan (71), Hong Kong (81), Macao (82), and 83/91
    /// used on residence permits.
    static let provinces: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83", "91",
    ]
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The ISO 7064 MOD 11-2 check character of the first 17 digits.
    public static func checkCharacter(_ first17: String) -> Character? {
        let digits = first17.compactMap { $0.wholeNumberValue }
        guard digits.count == 17, first17.allSatisfy(\.isASCII) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Whether `s` (digits only, no separators) is a valid 18-digit number
    /// (check character `X` in either case) or a 15-digit first-generation
    /// number, with a known province, a real birth date from 1900 to `today`.
    public static func isValid(_ s: String, today: DisclosureDate) -> Bool {
        guard isIDShaped(s, today: today) else { return false }
        guard s.utf8.count == 18 else { return true }   // 15 digits carry no check character
        let chars = Array(s)
        return checkCharacter(String(chars[0..<17])) == Character(chars[17].uppercased())
    }

    /// Whether `s` has the shape of an ID number, whatever its check
    /// character: 18 characters (17 digits, then a digit or `X`/`x`) or 15
    /// digits, a known province, a real birth date from 1900 to `today`.
    ///
    /// Redaction goes by shape, not by validity: an ID number copied with a
    /// typo fails the check ten times in eleven, and still names a person.
    public static func isIDShaped(_ s: String, today: DisclosureDate) -> Bool {
        let chars = Array(s)
        guard chars.allSatisfy(\.isASCII) else { return false }
        func number(_ range: Range<Int>) -> Int? {
            chars[range].allSatisfy(\.isNumber) ? Int(String(chars[range])) : nil
        }
        let birth: DisclosureDate?
        switch chars.count {
        case 18:
            guard chars[17].isNumber || chars[17] == "X" || chars[17] == "x",
                  number(14..<17) != nil, let year = number(6..<10), year >= 1900,
                  let month = number(10..<12), let day = number(12..<14)
            else { return false }
            birth = DisclosureDate(year: year, month: month, day: day)
        case 15:
            guard number(12..<15) != nil, let yy = number(6..<8), let month = number(8..<10), let day = number(10..<12)
            else { return false }
            birth = DisclosureDate(year: 1900 + yy, month: month, day: day)
        default:
            return false
        }
        guard number(0..<6) != nil, provinces.contains(String(chars[0..<2])), let birth else { return false }
        return birth <= today
    }
}

/// Unified social credit codes of legal persons and other organisations
/// (统一社会信用代码, GB 32100-2015).
public enum CreditCode {
    /// The code's character set; the value of a character is its position.
    public static let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: charset.enumerated().map { ($1, $0) })
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character (18th) of the first 17 characters, mod 31.
    public static func checkCharacter(_ first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (c, w) in zip(chars, weights) {
            guard let v = values[c] else { return nil }
            sum += v * w
        }
        return charset[(31 - sum % 31) % 31]
    }

    /// The check character of the organisation code body (characters 9–16
    /// of a credit code; GB 11714: weights 3 7 9 10 5 8 4 2, mod 11, 10 → X).
    static func organizationCheck(_ body: ArraySlice<Character>) -> Character? {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (c, w) in zip(body, weights) {
            let v: Int
            if let d = c.wholeNumberValue, c.isASCII { v = d }
            else if let a = c.asciiValue, a >= 65, a <= 90 { v = Int(a) - 55 }
            else { return nil }
            sum += v * w
        }
        let r = (11 - sum % 11) % 11
        return r == 10 ? "X" : Character(String(r))
    }

    /// Whether `s` is a well-formed credit code: 18 characters of the
    /// charset, characters 3–8 an area code (digits), characters 9–17 an
    /// organisation code whose own check character is right (GB 11714, as
    /// GB 32100 prescribes), and the mod-31 check character.
    ///
    /// The organisation-code check matters because an all-digit code can
    /// look like a resident ID number: the mod-31 check alone would exempt
    /// about one ID number in 31 from redaction, both checks one in ~340.
    public static func isValid(_ s: String) -> Bool {
        let chars = Array(s)
        guard chars.count == 18, chars.allSatisfy({ values[$0] != nil }),
              chars[2..<8].allSatisfy({ $0.isASCII && $0.isNumber }),
              organizationCheck(chars[8..<16]) == chars[16],
              checkCharacter(String(chars[0..<17])) == chars[17]
        else { return false }
        return true
    }

    /// Only the mod-31 check of GB 32100.
    public static func passesMod31(_ s: String) -> Bool {
        let chars = Array(s)
        guard chars.count == 18 else { return false }
        return checkCharacter(String(chars[0..<17])) == chars[17]
    }
}

/// A calendar date without time zone (own type: this module depends on Foundation only).
public struct DisclosureDate: Comparable, Sendable, Hashable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// Nil unless the date exists in the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= DisclosureDate.days(inMonth: month, year: year)
        else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Today in China Standard Time.
    public static func today(at date: Date = Date()) -> DisclosureDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return DisclosureDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: DisclosureDate, b: DisclosureDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}
