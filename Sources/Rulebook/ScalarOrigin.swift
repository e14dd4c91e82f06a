import Messages
import Yams

/// The text of a YAML file split into lines of characters, shared by every
/// node read from it, so positions inside a scalar can be traced back.
final class YAMLSource: Sendable {
    let path: String
    let text: String
    init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The lines as characters. Split on demand: only diagnostics need them,
    /// and splitting every file at load time would slow every load.
    var lines: [[Character]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var chars = Array(line)
            if chars.last == "\r" { chars.removeLast() }
            return chars
        }
    }
}

/// Where a scalar's characters came from in its file. YAML folds lines,
/// strips indentation and resolves escapes, so the n-th character of a
/// scalar's value is not simply n columns after its start; this walks the
/// raw text the way YAML does to map each value character to its place.
public struct ScalarOrigin: Sendable {
    let source: YAMLSource
    let line: Int
    let column: Int
    let style: Style

    enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }

    init(source: YAMLSource, line: Int, column: Int, style yams: Node.Scalar.Style) {
        self.source = source
        self.line = line
        self.column = column
        switch yams {
        case .singleQuoted: style = .singleQuoted
        case .doubleQuoted: style = .doubleQuoted
        case .literal: style = .literal
        case .folded: style = .folded
        default: style = .plain
        }
    }

    /// The file position of the value's character at `offset` (0-based).
    public func place(ofValueOffset offset: Int) -> Place {
        let map = Walker(origin: self, lines: source.lines).positions(upTo: offset + 1)
        let (l, c) = offset < map.count ? map[offset] : (map.last.map { ($0.0, $0.1 + 1) } ?? (line, column))
        return Place(path: source.path, line: l, column: c)
    }

}

/// Walks a scalar's raw lines the way YAML reads them.
private struct Walker {
    let origin: ScalarOrigin
    let lines: [[Character]]
    var line: Int { origin.line }
    var column: Int { origin.column }
    var style: ScalarOrigin.Style { origin.style }
    var source: Walker { self }

    /// (line, column) of the first `count` value characters.
    func positions(upTo count: Int) -> [(Int, Int)] {
        switch style {
        case .literal, .folded: return block(count)
        default: return flow(count)
        }
    }

    private func char(_ l: Int, _ c: Int) -> Character? {
        guard l >= 1, l <= lines.count else { return nil }
        let line = lines[l - 1]
        return c >= 1 && c <= line.count ? line[c - 1] : nil
    }

    /// Plain, single- and double-quoted scalars: escapes and line folding.
    private func flow(_ count: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var l = line, c = column
        let quote: Character? = style == .singleQuoted ? "'" : (style == .doubleQuoted ? "\"" : nil)
        if quote != nil { c += 1 }
        while out.count < count, l <= lines.count {
            let lineChars = lines[l - 1]
            // The part of this line that belongs to the scalar, without trailing blanks.
            var end = lineChars.count
            while end >= c, end >= 1, lineChars[end - 1] == " " || lineChars[end - 1] == "\t" { end -= 1 }
            while c <= end, out.count < count {
                let ch = lineChars[c - 1]
                if let q = quote, ch == q {
                    if q == "'", char(l, c + 1) == "'" { out.append((l, c)); c += 2; continue }
                    return out
                }
                if quote == "\"", ch == "\\" {
                    let e = char(l, c + 1)
                    let width: Int
                    switch e {
                    case "x": width = 4
                    case "u": width = 6
                    case "U": width = 10
                    case nil: width = 1   // escaped line break: no character
                    default: width = 2
                    }
                    if e != nil { out.append((l, c)) }
                    c += width
                    continue
                }
                out.append((l, c))
                c += 1
            }
            if out.count >= count { break }
            // Fold the line break: blank lines become newlines, one break a space.
            var next = l + 1
            var blanks = 0
            while next <= lines.count, lines[next - 1].allSatisfy({ $0 == " " || $0 == "\t" }) {
                blanks += 1
                next += 1
            }
            let breakPlace = (l, end + 1)
            if blanks == 0 { out.append(breakPlace) } else { for _ in 0..<blanks where out.count < count { out.append(breakPlace) } }
            guard next <= lines.count else { break }
            l = next
            c = 1
            while let ch = char(l, c), ch == " " || ch == "\t" { c += 1 }
        }
        return out
    }

    /// Literal (`|`) and folded (`>`) block scalars: content starts on the
    /// next line, indented; literal keeps breaks, folded turns single breaks
    /// between text lines into spaces.
    private func block(_ count: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var l = line + 1
        // Indentation: that of the first non-blank content line.
        var indent = 0
        var probe = l
        while probe <= lines.count {
            let chars = lines[probe - 1]
            if let first = chars.firstIndex(where: { $0 != " " }) { indent = first; break }
            probe += 1
        }
        var previousWasText = false
        while l <= lines.count, out.count < count {
            let chars = lines[l - 1]
            let isBlank = chars.allSatisfy { $0 == " " }
            if !isBlank, chars.prefix(indent).contains(where: { $0 != " " }) { break }   // dedent ends the scalar
            if isBlank {
                out.append((l, max(1, chars.count + 1)))
                previousWasText = false
            } else {
                if style == .folded, previousWasText, let last = out.popLast() { out.append(last) }
                for k in indent..<chars.count where out.count < count { out.append((l, k + 1)) }
                out.append((l, chars.count + 1))   // the break (or the folding space)
                previousWasText = true
            }
            l += 1
        }
        return out
    }
}
