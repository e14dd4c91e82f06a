/// Turns an expression's text into tokens. It works on Unicode scalars so a
/// position is a plain index, and it reports the first malformed token with
/// its place instead of guessing.
struct Lexer {
    private let s: [Unicode.Scalar]
    private let source: Source
    private var i = 0

    init(_ source: Source) {
        self.source = source
        self.s = source.scalars
    }

    static func tokenize(_ source: Source) throws(CELIssue) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let t = try lexer.next()
            tokens.append(t)
            if t.kind == .end { return tokens }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        i + k < s.count ? s[i + k] : nil
    }

    private func fail(_ message: String, _ kind: IssueKind = .other, at offset: Int) -> CELIssue {
        CELIssue(stage: .parse, kind: kind, message: message, position: source.position(of: offset))
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                i += 1
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { i += 1 }
            } else {
                return
            }
        }
    }

    private static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private static func isHex(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
    }

    mutating func next() throws(CELIssue) -> Token {
        skipSpaceAndComments()
        let start = i
        guard let c = peek() else { return Token(kind: .end, offset: i) }

        if Lexer.isIdentStart(c) {
            // String prefixes: r, b and their combinations, directly before a quote.
            var j = i
            var raw = false, bytes = false
            while j < s.count, j - i < 2, s[j] == "r" || s[j] == "R" || s[j] == "b" || s[j] == "B" {
                if s[j] == "r" || s[j] == "R" { if raw { break }; raw = true } else { if bytes { break }; bytes = true }
                j += 1
            }
            if j > i, j < s.count, s[j] == "'" || s[j] == "\"" {
                i = j
                return try quoted(start: start, raw: raw, bytes: bytes)
            }
            while let d = peek(), Lexer.isIdentStart(d) || Lexer.isDigit(d) { i += 1 }
            var name = ""
            name.unicodeScalars.append(contentsOf: s[start..<i])
            return Token(kind: .identifier(name), offset: start)
        }
        if Lexer.isDigit(c) || (c == "." && peek(1).map(Lexer.isDigit) == true) {
            return try number(start: start)
        }
        if c == "'" || c == "\"" {
            return try quoted(start: start, raw: false, bytes: false)
        }
        if let wrong = Lexer.foreignOperator(at: i, in: s) {
            throw fail("unexpected character '\(c)'", wrong, at: start)
        }
        let two: [String] = ["==", "!=", "<=", ">=", "&&", "||"]
        if let d = peek(1) {
            var pair = String(Character(c)); pair.unicodeScalars.append(d)
            if two.contains(pair) { i += 2; return Token(kind: .punct(pair), offset: start) }
        }
        let one = "+-*/%!<>?:.,()[]{}"
        if one.unicodeScalars.contains(c) {
            i += 1
            return Token(kind: .punct(String(Character(c))), offset: start)
        }
        throw fail("unexpected character '\(c)'", Lexer.classify(at: i, in: s), at: start)
    }

    private mutating func number(start: Int) throws(CELIssue) -> Token {
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            i += 2
            let digitsStart = i
            while let d = peek(), Lexer.isHex(d) { i += 1 }
            guard i > digitsStart else { throw fail("malformed hexadecimal literal", .malformedNumber, at: start) }
            let text = String(String.UnicodeScalarView(s[digitsStart..<i]))
            guard let v = UInt64(text, radix: 16) else { throw fail("integer literal out of range", .integerOutOfRange, at: start) }
            return try intSuffix(v, start: start)
        }
        while let d = peek(), Lexer.isDigit(d) { i += 1 }
        var isFloat = false
        if peek() == ".", let d = peek(1), Lexer.isDigit(d) {
            isFloat = true
            i += 1
            while let d = peek(), Lexer.isDigit(d) { i += 1 }
        }
        if peek() == "e" || peek() == "E" {
            var j = i + 1
            if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
            if j < s.count, Lexer.isDigit(s[j]) {
                isFloat = true
                i = j
                while let d = peek(), Lexer.isDigit(d) { i += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(s[start..<i]))
        if isFloat {
            guard let v = Double(text) else { throw fail("malformed floating-point literal", .malformedNumber, at: start) }
            return Token(kind: .double(v), offset: start)
        }
        guard let v = UInt64(text) else { throw fail("integer literal out of range", .integerOutOfRange, at: start) }
        return try intSuffix(v, start: start)
    }

    private mutating func intSuffix(_ v: UInt64, start: Int) throws(CELIssue) -> Token {
        if peek() == "u" || peek() == "U" {
            i += 1
            return Token(kind: .uint(v), offset: start)
        }
        if v > UInt64(Int64.max) + 1 { throw fail("integer literal out of range", .integerOutOfRange, at: start) }
        return Token(kind: .int(v), offset: start)
    }

    private mutating func quoted(start: Int, raw: Bool, bytes: Bool) throws(CELIssue) -> Token {
        let q = s[i]
        let triple = peek(1) == q && peek(2) == q
        i += triple ? 3 : 1
        var out: [UInt8] = []
        var text = String.UnicodeScalarView()
        func emit(_ u: Unicode.Scalar) {
            if bytes { out.append(contentsOf: Array(String(Character(u)).utf8)) } else { text.append(u) }
        }
        while true {
            guard let c = peek() else { throw fail("unterminated string literal", .unterminatedString(quote: String(Character(q))), at: start) }
            if triple {
                if c == q && peek(1) == q && peek(2) == q { i += 3; break }
            } else {
                if c == q { i += 1; break }
                // The closing quote is missing on this line: point at the opening one.
                if c == "\n" || c == "\r" { throw fail("newline in string literal", .unterminatedString(quote: String(Character(q))), at: start) }
            }
            if c == "\\" && !raw {
                let escStart = i
                i += 1
                guard let e = peek() else { throw fail("unterminated string literal", .unterminatedString(quote: String(Character(q))), at: start) }
                i += 1
                switch e {
                case "a": emit("\u{07}")
                case "b": emit("\u{08}")
                case "f": emit("\u{0C}")
                case "n": emit("\n")
                case "r": emit("\r")
                case "t": emit("\t")
                case "v": emit("\u{0B}")
                case "\\", "?", "\"", "'", "`": emit(e)
                case "x", "X", "u", "U":
                    let n = (e == "u") ? 4 : (e == "U" ? 8 : 2)
                    var v: UInt32 = 0
                    for _ in 0..<n {
                        guard let h = peek(), Lexer.isHex(h) else { throw fail("malformed escape sequence", .invalidEscape("\\" + String(Character(e))), at: escStart) }
                        v = v * 16 + UInt32(String(Character(h)), radix: 16)!
                        i += 1
                    }
                    if n == 2 && bytes {
                        out.append(UInt8(v))
                    } else {
                        guard let u = Unicode.Scalar(v) else { throw fail("invalid code point in escape sequence", .invalidEscape("\\" + String(Character(e))), at: escStart) }
                        emit(u)
                    }
                case "0"..."3":
                    var v = UInt32(e.value - 48)
                    for _ in 0..<2 {
                        guard let o = peek(), o >= "0" && o <= "7" else { throw fail("malformed octal escape", .invalidEscape("\\" + String(Character(e))), at: escStart) }
                        v = v * 8 + (o.value - 48)
                        i += 1
                    }
                    if bytes { out.append(UInt8(v)) } else { emit(Unicode.Scalar(v)!) }
                default:
                    throw fail("invalid escape sequence '\\\(e)'", .invalidEscape("\\" + String(Character(e))), at: escStart)
                }
                continue
            }
            // Raw strings still end only at their quote; a backslash before a quote keeps both.
            if c == "\\" && raw, let nxt = peek(1), nxt == q || nxt == "\\" {
                emit(c); emit(nxt); i += 2; continue
            }
            emit(c)
            i += 1
        }
        return bytes ? Token(kind: .bytes(out), offset: start) : Token(kind: .string(String(text)), offset: start)
    }
}
