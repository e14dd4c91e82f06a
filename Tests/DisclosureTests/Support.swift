import Foundation
@testable import Disclosure

/// Independent reference implementations, written differently from the
/// module's (iterative ISO 7064 instead of a weight table, weights computed
/// as powers), so a shared mistake is unlikely.
enum Reference {
    /// ISO 7064 MOD 11-2 check character, by the recursive method of the standard.
    static func idCheck(_ first17: String) -> Character {
        var p = 0
        for c in first17 { p = ((p + c.wholeNumberValue!) * 2) % 11 }
        let v = (12 - p) % 11
        return v == 10 ? "X" : Character(String(v))
    }

    static func id18(_ first17: String) -> String { first17 + String(idCheck(first17)) }

    /// The first 17 digits from `area` and `birth` (YYYYMMDD) whose check
    /// character satisfies `wanted`.
    static func id18(area: String, birth: String, where wanted: (Character) -> Bool) -> String {
        for seq in 0..<1000 {
            let first17 = area + birth + String(format: "%03d", seq)
            if wanted(idCheck(first17)) { return id18(first17) }
        }
        fatalError("no sequence gives the wanted check character")
    }

    static let creditCharset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// GB 32100 check character: weights 3^i mod 31.
    static func creditCheck(_ first17: String) -> Character {
        var sum = 0, w = 1
        for c in first17 {
            sum += creditCharset.firstIndex(of: c)! * w
            w = (w * 3) % 31
        }
        return creditCharset[(31 - sum % 31) % 31]
    }

    /// GB 11714 organisation-code check: weights 2^(8-i) mod 11 for i = 0…7.
    static func orgCheck(_ body: String) -> Character {
        var sum = 0
        for (i, c) in body.enumerated() {
            var w = 1
            for _ in 0..<(8 - i) { w = (w * 2) % 11 }
            let v = c.isNumber ? c.wholeNumberValue! : Int(c.asciiValue!) - 55
            sum += v * w
        }
        let r = (11 - sum % 11) % 11
        return r == 10 ? "X" : Character(String(r))
    }

    static func isCreditCode(_ s: String) -> Bool {
        let c = Array(s)
        return c.count == 18 && orgCheck(String(c[8..<16])) == c[16] && creditCheck(String(c[0..<17])) == c[17]
    }
}

/// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records).
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() }
                else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r", chars.first == "\n" {
            chars.removeFirst()
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

let fixedToday = DisclosureDate(year: 2024, month: 6, day: 30)!
