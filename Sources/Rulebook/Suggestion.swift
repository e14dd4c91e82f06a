import Messages

/// "Did you mean …?" wherever a name is chosen from a known set: keys,
/// answer types, severities, ids, domains, columns, options, placeholders.
public enum Suggestion {
    /// The candidate nearest to a misspelling, when close enough to help:
    /// an alias (`boolean` → `yes_no`), the same word in other case or with
    /// other separators (`Yes-No`), a small edit (`severty`, `boardng`,
    /// letters swapped), or the one candidate the name abbreviates (`int` →
    /// `integer`) or extends (`severity_level` → `severity`).
    public static func closest(_ name: String, in allowed: [String], aliases: [String: String] = [:]) -> String? {
        guard !name.isEmpty, !allowed.isEmpty else { return nil }
        if let a = aliases[name] ?? aliases[name.lowercased()], allowed.contains(a) { return a }
        let folded = fold(name)
        if let same = allowed.first(where: { fold($0) == folded }) { return same }
        let n = Array(name.lowercased())
        let scored = allowed.map { ($0, distance(n, Array($0.lowercased()))) }
        if let (word, d) = scored.min(by: { $0.1 < $1.1 }), d <= max(1, n.count / 3) { return word }
        if n.count >= 2 {
            let extending = allowed.filter { $0.lowercased().hasPrefix(name.lowercased()) }
            if extending.count == 1 { return extending[0] }
            let extended = allowed.filter { $0.count >= 3 && name.lowercased().hasPrefix($0.lowercased()) }
            if extended.count == 1 { return extended[0] }
        }
        return nil
    }

    /// ` (did you mean 'x'?)` in both languages, or, with `listing`, the
    /// allowed names when none is close (and they are few enough to read).
    public static func hint(_ name: String, in allowed: [String], aliases: [String: String] = [:], listing: Bool = false) -> LocalizedText {
        if let best = closest(name, in: allowed, aliases: aliases) {
            return LocalizedText(zh: "（是否应为“\(best)”？）", en: " (did you mean '\(best)'?)")
        }
        guard listing, !allowed.isEmpty, allowed.count <= 16 else { return LocalizedText(zh: "", en: "") }
        return LocalizedText(zh: "（可用：\(allowed.joined(separator: "、"))）", en: " (one of \(allowed.joined(separator: ", ")))")
    }

    /// Lower case without `_`, `-` and spaces.
    private static func fold(_ s: String) -> String {
        String(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Edit distance with adjacent transpositions (optimal string alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, before[j - 2] + 1) }
                current[j] = v
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
