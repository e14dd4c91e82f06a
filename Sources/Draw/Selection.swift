/// Choosing k of n entries, one after another, as RFC 3797 prescribes.
public enum Selection {
    /// Draws `count` entries from a pool of `poolSize`, in order of selection.
    ///
    /// Choice i takes `stream.choice(index: i, below: remaining)` as the
    /// 0-based rank among the entries still in the pool, kept in their
    /// original order, and removes that entry. The result lists 0-based
    /// indices into the original pool. Costs O(n + k log n).
    ///
    /// - Throws: `DrawError.countExceedsPool`, `.negativeCount`,
    ///   `.tooManySelectionsForRFC3797`, `.poolTooLarge`.
    public static func draw(_ count: Int, from poolSize: Int, stream: RandomStream) throws -> [Int] {
        guard count >= 0 else { throw DrawError.negativeCount(count) }
        guard count <= poolSize else { throw DrawError.countExceedsPool(count: count, pool: poolSize) }
        if count > 0 && UInt64(count - 1) > stream.maximumIndex {
            throw DrawError.tooManySelectionsForRFC3797(count)
        }
        guard count > 0 else { return [] }
        var remaining = try RemainingPositions(count: poolSize)
        var hasher = ChoiceHasher(stream)
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        for index in 0..<count {
            let rank = hasher.choice(index: UInt64(index), below: remaining.count)
            chosen.append(remaining.remove(rank: rank))
        }
        return chosen
    }

    /// RFC 3797 selection with entries numbered from 1: the selected entry
    /// numbers in order of selection, as the RFC's worked example prints them.
    public static func rfc3797(count: Int, poolSize: Int, key: String) throws -> [Int] {
        try draw(count, from: poolSize, stream: .rfc3797(key: key)).map { $0 + 1 }
    }
}
