/// The change between two versions of a text, line by line, in the
/// unified form reviewers read (`-` removed, `+` added, hunks headed by
/// `@@ -old,count +new,count @@`, three lines of context). Computed with
/// the standard library's `CollectionDifference`.
public enum LineDiff {
    public static func unified(from old: String, to new: String, name: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        if removed.isEmpty && inserted.isEmpty { return "" }
        // Walk both texts together: (old index, new index, mark) per output line.
        var rows: [(i: Int, j: Int, mark: Character)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) { rows.append((i, j, "-")); i += 1 }
            else if j < b.count, inserted.contains(j) { rows.append((i, j, "+")); j += 1 }
            else { rows.append((i, j, " ")); i += 1; j += 1 }
        }
        // Hunks: changed rows with `context` rows around them.
        var keep = [Bool](repeating: false, count: rows.count)
        for (k, row) in rows.enumerated() where row.mark != " " {
            for m in max(0, k - context)...min(rows.count - 1, k + context) { keep[m] = true }
        }
        var out = "--- \(name)\n+++ \(name)\n"
        var k = 0
        while k < rows.count {
            guard keep[k] else { k += 1; continue }
            var end = k
            while end < rows.count, keep[end] { end += 1 }
            let hunk = rows[k..<end]
            let oldCount = hunk.filter { $0.mark != "+" }.count, newCount = hunk.filter { $0.mark != "-" }.count
            out += "@@ -\(hunk.first!.i + (oldCount == 0 ? 0 : 1)),\(oldCount) +\(hunk.first!.j + (newCount == 0 ? 0 : 1)),\(newCount) @@\n"
            for row in hunk {
                let text = row.mark == "+" ? b[row.j] : a[row.i]
                out += String(row.mark) + text + "\n"
            }
            k = end
        }
        return out
    }

    private static func lines(_ s: String) -> [String] {
        var parts = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
