import Messages

/// Finds the full-width punctuation a Chinese input method leaves where YAML
/// needs ASCII: `unit：天` (the colon after a key), `[0，31]` (the comma
/// between items), a full-width space in the indentation or after a colon,
/// a `－` list marker. YAML would report these a line later as something
/// else ("could not find expected ':'") or read them as text; each is
/// reported here at its own line and column, naming the character. Only
/// structural positions count: `：` and `，` inside text stay text.
enum FullWidthScan {
    /// `always`: scan even a text without full-width characters (for a
    /// missing space after a colon, looked for once YAML has failed).
    static func problems(in text: String, path: String, always: Bool = false) -> [Diagnostic] {
        // Every full-width character looked for is encoded with a lead byte 0xE3 or 0xEF.
        guard always || text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }) else { return [] }
        var scanner = Scanner(path: path, yamlFailed: always)
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var chars = Array(line.unicodeScalars)   // columns count scalars, as libyaml's do
            if chars.last == "\r" { chars.removeLast() }
            scanner.scan(chars, line: n + 1)
        }
        return scanner.found
    }

    static func isKeyLike(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = s.first, isLetter(first) || first == "_" else { return false }
        return s.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" || $0 == "-" || $0 == "." }
    }

    static func isKeyLike(_ s: Substring) -> Bool { isKeyLike(ArraySlice(Array(s.unicodeScalars))) }

    static func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isASCIIWord(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return isLetter(c) || isDigit(c) || c == "_" || c == "'" || c == "\"" || c == "." || c == "-"
    }

    static func text(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s)
        return String(out)
    }

    static func message(_ what: Problem, key: String = "", rest: String = "") -> LocalizedText {
        switch what {
        case .colon:
            let example = key.isEmpty ? "" : "，如“\(key): \(rest)”"
            let exampleEN = key.isEmpty ? "" : ", as in '\(key): \(rest)'"
            return LocalizedText(zh: "这里用了中文冒号“：”：键和值之间要用英文冒号“:”加一个空格\(example)",
                                 en: "a full-width colon '：' is used here: a key and its value are separated by an ASCII colon ':' and a space\(exampleEN)")
        case .comma:
            return LocalizedText(zh: "这里用了中文逗号“，”：方括号或花括号中的各项要用英文逗号“,”分隔",
                                 en: "a full-width comma '，' is used here: items in brackets or braces are separated by ASCII commas ','")
        case .indentSpace:
            return LocalizedText(zh: "这里用了全角空格“　”：YAML 的缩进只能用英文空格",
                                 en: "a full-width space '　' is used here: YAML indents with ASCII spaces only")
        case .spaceAfterColon:
            return LocalizedText(zh: "冒号后面用了全角空格“　”：请改用英文空格",
                                 en: "a full-width space '　' follows the colon: use an ASCII space")
        case .dash:
            return LocalizedText(zh: "这里用了全角的“－”：列表项以英文“-”加一个空格开头",
                                 en: "a full-width '－' is used here: list items start with an ASCII '-' and a space")
        case .quotedThenMore:
            return LocalizedText(zh: "值以引号开头时，整个值都要在引号之内，如 \"\(rest)\"",
                                 en: "a value that starts with a quote must be quoted whole, as in \"\(rest)\"")
        case .noSpaceAfterColon:
            return LocalizedText(zh: "键“\(key)”的冒号后面要有一个空格，如“\(key): \(rest)”",
                                 en: "a space must follow the colon after '\(key)', as in '\(key): \(rest)'")
        }
    }

    enum Problem { case colon, comma, indentSpace, spaceAfterColon, dash, noSpaceAfterColon, quotedThenMore }

    /// Line by line, keeping what spans lines: block scalars, flow
    /// collections and quoted scalars.
    private struct Scanner {
        let path: String
        var found: [Diagnostic] = []
        /// Indentation of the line that opened a block scalar (`|`, `>`).
        var blockParent: Int?
        var flowDepth = 0
        var openQuote: Unicode.Scalar?
        /// For a flow sequence at the outermost level: its items so far and
        /// where a `，` stood, to report `[是，否]` read as one item.
        var sequenceItems = 0
        var sequenceComma: (line: Int, column: Int)?
        var outermostIsSequence = false

        /// YAML has failed on the text: an ASCII word right after a key's
        /// colon (`id:gas_alarm`) is then taken for a missing space too.
        let yamlFailed: Bool

        init(path: String, yamlFailed: Bool) {
            self.path = path
            self.yamlFailed = yamlFailed
        }

        mutating func report(_ p: Problem, _ line: Int, _ column: Int, key: String = "", rest: String = "") {
            let m = FullWidthScan.message(p, key: key, rest: rest)
            found.append(Diagnostic(path: path, line: line, column: column, m))
        }

        mutating func scan(_ c: [Unicode.Scalar], line: Int) {
            let indent = c.prefix { $0 == " " }.count
            if let parent = blockParent {
                if indent > parent || c.allSatisfy({ $0 == " " }) { return }
                blockParent = nil
            }
            var i = 0
            if let q = openQuote {
                guard let end = closing(q, c, from: 0) else { return }
                openQuote = nil
                i = end + 1
                if flowDepth > 0 { flow(c, from: i, line: line) }
                return
            }
            if flowDepth > 0 { flow(c, from: 0, line: line); return }
            // Indentation: ASCII spaces only.
            while i < c.count, c[i] == " " || c[i] == "　" {
                if c[i] == "　" { report(.indentSpace, line, i + 1); return }
                i += 1
            }
            while i < c.count {
                if c[i] == "－", i + 1 == c.count || c[i + 1] == " " { report(.dash, line, i + 1); return }
                guard c[i] == "-", i + 1 == c.count || c[i + 1] == " " else { break }
                i += 1
                while i < c.count, c[i] == " " { i += 1 }
            }
            node(c, from: i, line: line, indent: indent, keyAllowed: true)
        }

        /// A node starting at `i`: a flow collection, a quoted or block
        /// scalar, or a plain scalar that may be a key.
        mutating func node(_ c: [Unicode.Scalar], from start: Int, line: Int, indent: Int, keyAllowed: Bool) {
            var i = start
            while i < c.count, c[i] == "&" || c[i] == "!" {   // anchors and tags
                while i < c.count, c[i] != " " { i += 1 }
                while i < c.count, c[i] == " " { i += 1 }
            }
            guard i < c.count, c[i] != "#" else { return }
            switch c[i] {
            case "[", "{":
                flow(c, from: i, line: line)
            case "\"", "'":
                guard let end = closing(c[i], c, from: i + 1) else { openQuote = c[i]; return }
                var j = end + 1
                while j < c.count, c[j] == " " { j += 1 }
                if keyAllowed, j < c.count, c[j] == "：" { report(.colon, line, j + 1); return }
                if keyAllowed, j < c.count, c[j] == ":" { value(c, after: j, line: line, indent: indent); return }
                // `relevant: 'a' == kind`: YAML ends the value at the quote.
                if yamlFailed, !keyAllowed, j < c.count, c[j] != "#" {
                    var whole = c[i...]
                    if let hash = whole.indices.first(where: { whole[$0] == "#" && $0 > i && c[$0 - 1] == " " }) { whole = c[i..<hash] }
                    report(.quotedThenMore, line, i + 1, rest: FullWidthScan.text(trimmed(whole)))
                }
            case "|", ">":
                blockParent = indent
            default:
                guard keyAllowed else { return }
                var j = i
                while j < c.count {
                    if c[j] == ":", j + 1 == c.count || c[j + 1] == " " || c[j + 1] == "　" {
                        value(c, after: j, line: line, indent: indent)
                        return
                    }
                    // `unit:天`: YAML reads one word and fails a line later.
                    if c[j] == ":", j + 1 < c.count, c[j + 1].value > 0x7F || (yamlFailed && c[j + 1] != "/" && c[j + 1] != ":"),
                       FullWidthScan.isKeyLike(trimmed(c[i..<j])) {
                        let rest = FullWidthScan.text(c[(j + 1)...]).trimmingCharacters(in: " ")
                        report(.noSpaceAfterColon, line, j + 1, key: FullWidthScan.text(trimmed(c[i..<j])), rest: String(rest.prefix(20)))
                        return
                    }
                    if c[j] == "：" {
                        if FullWidthScan.isKeyLike(trimmed(c[i..<j])) {
                            let rest = FullWidthScan.text(c[(j + 1)...]).trimmingCharacters(in: " ")
                            report(.colon, line, j + 1, key: FullWidthScan.text(trimmed(c[i..<j])), rest: String(rest.prefix(20)))
                        }
                        return
                    }
                    if c[j] == "#", j > i, c[j - 1] == " " { return }
                    j += 1
                }
            }
        }

        /// The value after a key's colon at `colon`.
        mutating func value(_ c: [Unicode.Scalar], after colon: Int, line: Int, indent: Int) {
            var j = colon + 1
            if j < c.count, c[j] == "　" { report(.spaceAfterColon, line, j + 1); return }
            while j < c.count, c[j] == " " { j += 1 }
            node(c, from: j, line: line, indent: indent, keyAllowed: false)
        }

        /// Inside `[…]` or `{…}`, possibly over several lines.
        mutating func flow(_ c: [Unicode.Scalar], from start: Int, line: Int) {
            var i = start
            var itemStart = i
            while i < c.count {
                let ch = c[i]
                switch ch {
                case "\"", "'":
                    guard let end = closing(ch, c, from: i + 1) else { openQuote = ch; return }
                    i = end
                case "[", "{":
                    if flowDepth == 0 { outermostIsSequence = ch == "["; sequenceItems = 1; sequenceComma = nil }
                    flowDepth += 1
                    itemStart = i + 1
                case "]", "}":
                    flowDepth -= 1
                    if flowDepth <= 0 {
                        flowDepth = 0
                        if outermostIsSequence, sequenceItems == 1, let at = sequenceComma { report(.comma, at.line, at.column) }
                        return
                    }
                case ",":
                    itemStart = i + 1
                    if flowDepth == 1 { sequenceItems += 1 }
                case "#" where i > 0 && c[i - 1] == " ":
                    return
                case "，":
                    let before = c[..<i].last { $0 != " " }, after = c[(i + 1)...].first { $0 != " " }
                    if FullWidthScan.isASCIIWord(before), FullWidthScan.isASCIIWord(after) {
                        report(.comma, line, i + 1)
                    } else if flowDepth == 1, sequenceComma == nil {
                        sequenceComma = (line, i + 1)   // reported if the list has no other item
                    }
                case "：":
                    let key = trimmed(c[itemStart..<i])
                    if FullWidthScan.isKeyLike(key) {
                        let rest = c[(i + 1)...].prefix { $0 != "," && $0 != "}" && $0 != "]" && $0 != "，" }
                        report(.colon, line, i + 1, key: FullWidthScan.text(key), rest: FullWidthScan.text(trimmed(rest)))
                    }
                default: break
                }
                i += 1
            }
        }

        /// The index of the quote closing a scalar opened before `from`.
        func closing(_ q: Unicode.Scalar, _ c: [Unicode.Scalar], from: Int) -> Int? {
            var i = from
            while i < c.count {
                if q == "\"", c[i] == "\\" { i += 2; continue }
                if c[i] == q {
                    if q == "'", i + 1 < c.count, c[i + 1] == "'" { i += 2; continue }
                    return i
                }
                i += 1
            }
            return nil
        }

        func trimmed(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
            var s = s
            while s.first == " " { s = s.dropFirst() }
            while s.last == " " { s = s.dropLast() }
            return s
        }
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
