import Foundation
import Messages

/// Hints for values that YAML read as text because full-width punctuation
/// stood where ASCII was needed: `【a, b】` for a list, `｛…｝` for a
/// mapping, `３０` for a number, `title（中文）` or `“title”` for a key.
enum FullWidthHint {
    private static let none = LocalizedText(zh: "", en: "")

    /// Full-width punctuation and what it stands for in ASCII.
    static let ascii: [Character: Character] = [
        "：": ":", "，": ",", "；": ";", "（": "(", "）": ")", "【": "[", "】": "]", "［": "[", "］": "]",
        "｛": "{", "｝": "}", "“": "\"", "”": "\"", "‘": "'", "’": "'", "　": " ", "－": "-", "、": ",",
    ]

    static func forList(_ v: YAMLValue) -> LocalizedText {
        guard let first = v.scalar?.string.first, first == "【" || first == "［" || first == "（" || first == "(" else { return none }
        return LocalizedText(zh: "（列表要用英文方括号“[ ]”，这里用了中文的“\(first)”）",
                             en: " (a list is written in ASCII brackets '[ ]'; this uses the full-width '\(first)')")
    }

    static func forMapping(_ v: YAMLValue) -> LocalizedText {
        if let text = v.scalar?.string, let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }),
           FullWidthScan.isKeyLike(text[..<colon]) {
            let key = text[..<colon], rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return LocalizedText(zh: "（键和值之间要用英文冒号加一个空格：“\(key): \(rest)”）",
                                 en: " (a key and its value are separated by an ASCII colon and a space: '\(key): \(rest)')")
        }
        guard let first = v.scalar?.string.first, first == "｛" else { return none }
        return LocalizedText(zh: "（映射要用英文花括号“{ }”，这里用了中文的“\(first)”）",
                             en: " (a mapping is written in ASCII braces '{ }'; this uses the full-width '\(first)')")
    }

    static func forNumber(_ v: YAMLValue) -> LocalizedText {
        guard let s = v.scalar?.string, s.unicodeScalars.contains(where: { $0.value >= 0xFF10 && $0.value <= 0xFF19 || $0 == "．" || $0 == "－" }) else { return none }
        return LocalizedText(zh: "（数字请用半角字符）", en: " (write numbers with ASCII digits)")
    }

    /// A word, number, date or truth value holding full-width punctuation
    /// (`severity: minor；`, `answer: “yes_no”`): reported at that character,
    /// with the word it stands for when that is clear. Free text and
    /// expressions keep theirs (CEL reports its own).
    static func inValue(_ v: YAMLValue, _ shape: ValueShape, key: String) -> Diagnostic? {
        let candidates: [String]
        switch shape {
        case .choice(let c): candidates = c.values
        case .identifier, .pattern, .integer, .number, .boolean, .date: candidates = []
        default: return nil
        }
        // Every character looked for has a UTF-8 lead byte 0xE2, 0xE3 or 0xEF.
        guard let text = v.scalar?.string, text.utf8.contains(where: { $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }) else { return nil }
        let chars = Array(text)
        guard let at = chars.firstIndex(where: { ascii[$0] != nil }) else { return nil }
        let cleaned = String(chars.filter { ascii[$0] == nil }).trimmingCharacters(in: .whitespaces)
        var hint = LocalizedText(zh: "", en: "")
        if candidates.isEmpty ? !cleaned.isEmpty : candidates.contains(cleaned) {
            hint = LocalizedText(zh: "（是否应为“\(cleaned)”？）", en: " (did you mean '\(cleaned)'?)")
        } else if !candidates.isEmpty {
            hint = Suggestion.hint(cleaned, in: candidates)
        }
        let place = v.origin?.place(ofValueOffset: at) ?? v.place
        let c = chars[at]
        return Diagnostic(path: place.path, line: place.line, column: place.column, LocalizedText(
            zh: "“\(key)”的值「\(text)」中用了中文标点「\(c)」" + hint.zh,
            en: "the value of '\(key)', '\(text)', holds the full-width '\(c)'" + hint.en))
    }

    /// A key holding full-width punctuation (but otherwise ASCII, so it is
    /// meant as a key of the schema): reported at that character, with the
    /// key it stands for when one is close.
    static func inKey(_ k: YAMLValue, allowed: [String]) -> Diagnostic? {
        guard let name = k.text else { return nil }
        let chars = Array(name)
        guard let at = chars.firstIndex(where: { ascii[$0] != nil }) else { return nil }
        let rest = chars.filter { ascii[$0] == nil }
        guard rest.allSatisfy(\.isASCII) else { return nil }
        let cleaned = String(rest).trimmingCharacters(in: .whitespaces)
        let place = k.origin?.place(ofValueOffset: at) ?? k.place
        let hint = Suggestion.hint(cleaned, in: allowed)
        let c = chars[at]
        return Diagnostic(path: place.path, line: place.line, column: place.column, LocalizedText(
            zh: "键「\(name)」中用了中文标点「\(c)」：键只由英文字母、数字和下划线组成" + hint.zh,
            en: "the key '\(name)' holds the full-width '\(c)': keys are ASCII letters, digits and underscores" + hint.en))
    }
}
