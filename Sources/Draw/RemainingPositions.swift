/// The positions 0..<n still in a pool, supporting "remove the k-th remaining"
/// in O(log n).
///
/// RFC 3797 removes the chosen entry and renumbers the rest. Doing that with
/// array removal costs O(n) per choice, hopeless for a national directory of
/// tens of millions. Here one bit per position says whether it remains, and a
/// Fenwick (binary indexed) tree counts the remaining positions of each
/// 64-position word: "the k-th still present" is a binary-lifting descent over
/// the words (decrementing counts on the way) and then the k-th set bit of one
/// word. Keeping one bit per position and one counter per 64 keeps the tree
/// small enough to stay in cache, which matters more than the logarithm when
/// n is ten million.
///
/// Building costs O(n / 64): with every position present, word node i of the
/// tree counts exactly 64 × lowbit(i) positions (the last word may be partial).
public struct RemainingPositions: Sendable {
    /// Bit j of word w: position 64·w + j remains.
    private var words: [UInt64]
    /// Node i (1-based) counts the remaining positions in words (i - lowbit(i), i].
    private var tree: [Int32]
    private let topStep: Int
    /// The number of positions in the original pool.
    public let capacity: Int
    /// The number of positions not yet removed.
    public private(set) var count: Int

    /// All positions 0..<n present.
    ///
    /// - Throws: `DrawError.poolTooLarge` if n exceeds `Int32.max`.
    public init(count n: Int) throws {
        guard n >= 0 else { throw DrawError.negativeCount(n) }
        guard n <= Int(Int32.max) else { throw DrawError.poolTooLarge(n) }
        capacity = n
        count = n
        let wordCount = (n + 63) / 64
        words = [UInt64](repeating: ~0, count: wordCount)
        let tail = n % 64
        if tail != 0 { words[wordCount - 1] = (1 << UInt64(tail)) - 1 }
        // Counts per word, then Fenwick nodes as sums over lowbit-sized ranges.
        var tree = [Int32](repeating: 0, count: wordCount + 1)
        for w in 0..<wordCount { tree[w + 1] = Int32(words[w].nonzeroBitCount) }
        if wordCount > 0 {
            for node in 1...wordCount {
                let parent = node + (node & -node)
                if parent <= wordCount { tree[parent] += tree[node] }
            }
        }
        self.tree = tree
        var step = 1
        while step * 2 <= wordCount { step *= 2 }
        topStep = wordCount == 0 ? 0 : step
    }

    /// Removes and returns the position that is `rank`-th (0-based) among
    /// those remaining, in their original order.
    ///
    /// - Precondition: `0 <= rank < count`.
    public mutating func remove(rank: Int) -> Int {
        precondition(rank >= 0 && rank < count, "rank \(rank) outside 0..<\(count)")
        var wanted = Int32(rank + 1)
        var word = 0
        var step = topStep
        let wordCount = words.count
        tree.withUnsafeMutableBufferPointer { nodes in
            while step > 0 {
                let node = word + step
                if node <= wordCount {
                    let here = nodes[node]
                    if here < wanted {
                        // The wanted position lies beyond this node's words.
                        word = node
                        wanted -= here
                    } else {
                        // This node's words hold it: one fewer remains there.
                        nodes[node] = here - 1
                    }
                }
                step >>= 1
            }
        }
        // `word` words lie wholly before the wanted one; it is the
        // `wanted`-th set bit of the next word.
        var bits = words[word]
        for _ in 1..<wanted { bits &= bits - 1 }
        let bit = bits.trailingZeroBitCount
        words[word] &= ~(1 << UInt64(bit))
        count -= 1
        return word * 64 + bit
    }
}
