import Foundation

/// The canonical order of ids: their UTF-8 bytes, compared lexicographically.
///
/// The pool is sorted before drawing so that the row order of an exported
/// directory cannot change the result. Byte order is chosen over Swift's
/// `String <` (which compares Unicode-normalised text) because every other
/// language can reproduce byte order with its plainest sort.
public enum IDOrder {
    /// Compares two ids byte by byte: negative, zero or positive.
    public static func compare(_ a: String, _ b: String) -> Int {
        var left = a, right = b
        return left.withUTF8 { l in
            right.withUTF8 { r in
                let common = min(l.count, r.count)
                if common > 0 {
                    let order = memcmp(l.baseAddress!, r.baseAddress!, common)
                    if order != 0 { return Int(order) }
                }
                return l.count - r.count
            }
        }
    }

    /// `compare` without copying the strings, for hot loops over contiguous
    /// native strings (all strings on Linux); falls back to `compare`.
    static func compare(borrowing a: String, _ b: String) -> Int {
        let fast = a.utf8.withContiguousStorageIfAvailable { l in
            b.utf8.withContiguousStorageIfAvailable { r -> Int in
                let common = min(l.count, r.count)
                if common > 0 {
                    let order = memcmp(l.baseAddress!, r.baseAddress!, common)
                    if order != 0 { return Int(order) }
                }
                return l.count - r.count
            }
        }
        if let fast, let order = fast { return order }
        return compare(a, b)
    }

    /// Whether `a` sorts strictly before `b` in UTF-8 byte order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        compare(a, b) < 0
    }

    /// `ids` in UTF-8 byte order. An already sorted list, as a database
    /// export usually is, is recognised in one pass.
    public static func sorted(_ ids: [String]) -> [String] {
        // A few ids (a task's departments, compared for each of fifty
        // thousand tasks) sort faster by comparison than by packing them for
        // the radix sort.
        if ids.count <= smallSort { return ids.sorted { compare(borrowing: $0, $1) < 0 } }
        guard let order = PackedIDs(ids).sortedOrder().order else { return ids }
        return order.map { ids[$0] }
    }

    /// Up to this many ids are sorted by comparing them.
    static let smallSort = 32

    /// The byte order of ids packed one after another (id i is
    /// bytes[offsets[i] ..< offsets[i + 1]]): nil when they are strictly
    /// increasing already (one pass), else the indices in order; and the
    /// index of an id that repeats, if any.
    public static func order(packed bytes: [UInt8], offsets: [Int]) -> (order: [Int]?, duplicate: Int?) {
        PackedIDs(bytes: bytes, offsets: offsets).order()
    }

    /// The first id that occurs twice in sorted `ids`, if any.
    static func firstDuplicate(inSorted ids: [String]) -> String? {
        var index = 1
        while index < ids.count {
            if compare(ids[index - 1], ids[index]) == 0 { return ids[index] }
            index += 1
        }
        return nil
    }
}
