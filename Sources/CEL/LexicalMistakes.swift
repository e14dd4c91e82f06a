/// Recognises the characters people type by habit from other languages or
/// from a Chinese input method, so the lexer can say what was meant rather
/// than only "unexpected character".
extension Lexer {
    /// Full-width punctuation and the ASCII it stands for.
    static let fullWidth: [Unicode.Scalar: String] = [
        "（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "“": "\"", "”": "\"", "‘": "'", "’": "'",
        "！": "!", "＝": "=", "＞": ">", "＜": "<", "［": "[", "］": "]", "｛": "{", "｝": "}", "＆": "&",
        "｜": "|", "＋": "+", "－": "-", "＊": "*", "／": "/", "％": "%", "．": ".", "？": "?", "【": "[",
        "】": "]", "、": ",", "。": ".", "　": " ", "＂": "\"", "＇": "'",
    ]

    /// An operator of another language starting at `i`: `===`, `!==`, `=>`,
    /// `=<`, `<>`, a single `&`, `|` or `=`. Nil for CEL's own operators.
    static func foreignOperator(at i: Int, in s: [Unicode.Scalar]) -> IssueKind? {
        func at(_ k: Int) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }
        switch (s[i], at(1), at(2)) {
        case ("=", "=", "="): return .wrongOperator(found: "===", meant: "==")
        case ("!", "=", "="): return .wrongOperator(found: "!==", meant: "!=")
        case ("=", ">", _): return .wrongOperator(found: "=>", meant: ">=")
        case ("=", "<", _): return .wrongOperator(found: "=<", meant: "<=")
        case ("=", "!", _): return .wrongOperator(found: "=!", meant: "!=")
        case ("<", ">", _): return .wrongOperator(found: "<>", meant: "!=")
        case ("=", "=", _): return nil
        case ("=", _, _): return .singleEquals
        case ("&", "&", _), ("|", "|", _): return nil
        case ("&", _, _): return .wrongOperator(found: "&", meant: "&&")
        case ("|", _, _): return .wrongOperator(found: "|", meant: "||")
        case ("≥", _, _): return .wrongOperator(found: "≥", meant: ">=")
        case ("≤", _, _): return .wrongOperator(found: "≤", meant: "<=")
        case ("≠", _, _): return .wrongOperator(found: "≠", meant: "!=")
        case ("×", _, _): return .wrongOperator(found: "×", meant: "*")
        case ("÷", _, _): return .wrongOperator(found: "÷", meant: "/")
        default: return nil
        }
    }

    /// What an unexpected character at `i` is: full-width punctuation (the
    /// whole run, `＞＝` meaning `>=`), unquoted Chinese text, or neither.
    static func classify(at i: Int, in s: [Unicode.Scalar]) -> IssueKind {
        if fullWidth[s[i]] != nil {
            var found = "", ascii = ""
            var j = i
            while j < s.count, let a = fullWidth[s[j]], s[j] != "　" || j == i {
                found.unicodeScalars.append(s[j])
                ascii += a
                j += 1
            }
            return .fullWidth(found: found, ascii: ascii == "=" ? "==" : ascii)
        }
        if s[i].value > 0x7F, s[i].properties.isAlphabetic {
            var word = ""
            var j = i
            while j < s.count, s[j].value > 0x7F, fullWidth[s[j]] == nil, s[j].properties.isAlphabetic || s[j].properties.numericType != nil {
                word.unicodeScalars.append(s[j])
                j += 1
            }
            return .unquotedText(word)
        }
        return .unexpectedCharacter(String(Character(s[i])))
    }
}
