/// The positions 0..<n still in a pool, supporting "remove the k-th remaining"
/// in O(log n).
///
/// RFC 3797 removes the chosen entry and renumbers the rest. Doing that with
/// array removal costs O(n) per choice, hopeless for a national directory of
/// tens of millions. A Fenwick (binary indexed) tree of remaining counts
/// answers "which original position is the k-th still present" by binary
/// lifting, and updates the counts on the same descent.
///
/// Building costs O(n): with every position present, node i of the tree
/// counts exactly lowbit(i) positions, so no prefix sums need computing.
public struct RemainingPositions: Sendable {
    /// Node i (1-based) counts the remaining positions in (i - lowbit(i), i].
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
        tree = [Int32](unsafeUninitializedCapacity: n + 1) { buffer, initialized in
            buffer[0] = 0
            var node = 1
            while node <= n {
                buffer[node] = Int32(truncatingIfNeeded: node & -node)
                node += 1
            }
            initialized = n + 1
        }
        var step = 1
        while step * 2 <= n { step *= 2 }
        topStep = step
    }

    /// Removes the remaining position of 0-based rank `rank` and returns it
    /// (its index in the original pool).
    ///
    /// - Precondition: `0 <= rank < count`.
    public mutating func remove(rank: Int) -> Int {
        precondition(rank >= 0 && rank < count, "rank \(rank) outside 0..<\(count)")
        var wanted = Int32(rank + 1)
        var position = 0
        var step = topStep
        tree.withUnsafeMutableBufferPointer { nodes in
            while step > 0 {
                let node = position + step
                if node <= capacity {
                    let here = nodes[node]
                    if here < wanted {
                        // The wanted position lies beyond this node's range.
                        position = node
                        wanted -= here
                    } else {
                        // This node's range holds it: one fewer remains there.
                        nodes[node] = here - 1
                    }
                }
                step >>= 1
            }
        }
        count -= 1
        return position
    }
}
