import Foundation

/// Many ids' UTF-8 bytes in one buffer, for sorting and comparing them
/// without touching a `String` (and its reference count) per comparison.
///
/// Sorting ten million directory ids through `String` spends most of its time
/// retaining and releasing string storage; one flat buffer, `memcmp` and a
/// radix sort make the same work several times cheaper.
struct PackedIDs {
    private var bytes: [UInt8]
    /// Id i occupies bytes[offsets[i] ..< offsets[i + 1]].
    private var offsets: [Int]

    /// Packs `count` ids read through `id`.
    init(count: Int, id: (Int) -> String) {
        // Size everything first: growing by doubling would copy and fault in
        // hundreds of megabytes for a large directory.
        var offsets = [Int](repeating: 0, count: count + 1)
        for index in 0..<count {
            offsets[index + 1] = offsets[index] + id(index).utf8.count
        }
        bytes = [UInt8](unsafeUninitializedCapacity: offsets[count]) { buffer, initialized in
            for index in 0..<count {
                let start = offsets[index]
                let text = id(index)
                let copied: Void? = text.utf8.withContiguousStorageIfAvailable { source in
                    if let base = source.baseAddress, source.count > 0 {
                        (buffer.baseAddress! + start).initialize(from: base, count: source.count)
                    }
                }
                if copied == nil {
                    for (offset, byte) in text.utf8.enumerated() { buffer[start + offset] = byte }
                }
            }
            initialized = offsets[count]
        }
        self.offsets = offsets
    }

    init(_ ids: [String]) {
        self.init(count: ids.count) { ids[$0] }
    }

    init(_ records: [PopulationRecord]) {
        self = records.withUnsafeBufferPointer { buffer in
            PackedIDs(count: buffer.count) { buffer[$0].id }
        }
    }

    var count: Int { offsets.count - 1 }

    /// Compares ids i and j byte by byte: negative, zero or positive.
    func compare(_ i: Int, _ j: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let leftLength = offsets[i + 1] - offsets[i]
            let rightLength = offsets[j + 1] - offsets[j]
            let common = min(leftLength, rightLength)
            if common > 0 {
                let order = memcmp(base + offsets[i], base + offsets[j], common)
                if order != 0 { return Int(order) }
            }
            return leftLength - rightLength
        }
    }

    /// The ids' indices in byte order of the ids (stable for equal ids), or
    /// nil when they are already in order; and the index of an id equal to
    /// the one before it in that order, if any.
    ///
    /// Directory ids share long prefixes (a region code, say), so the prefix
    /// common to all ids is skipped and the next 8 bytes become an integer
    /// key, sorted by a stable radix sort in linear time. Only ids whose keys
    /// tie are compared in full, and only they can be duplicates.
    func sortedOrder() -> (order: [Int]?, duplicate: Int?) {
        if case .inOrder(let duplicate) = scanOrder() { return (nil, duplicate) }
        let skip = commonPrefixLength()
        var keys = bytes.withUnsafeBufferPointer { buffer in
            (0..<count).map { index -> UInt64 in
                var key: UInt64 = 0
                let start = offsets[index] + skip, end = offsets[index + 1]
                for position in start..<(start + 8) {
                    key = key << 8 | UInt64(position < end ? buffer[position] : 0)
                }
                return key
            }
        }
        var order = Array(0..<count)
        radixSort(keys: &keys, carrying: &order)
        var duplicate: Int?
        var runStart = 0
        while runStart < count {
            var runEnd = runStart + 1
            while runEnd < count && keys[runEnd] == keys[runStart] { runEnd += 1 }
            if runEnd - runStart > 1 {
                order[runStart..<runEnd].sort { x, y in
                    let byBytes = compare(x, y)
                    return byBytes != 0 ? byBytes < 0 : x < y
                }
                if duplicate == nil {
                    for rank in (runStart + 1)..<runEnd where compare(order[rank - 1], order[rank]) == 0 {
                        duplicate = order[rank]
                        break
                    }
                }
            }
            runStart = runEnd
        }
        return (order, duplicate)
    }

    private enum Scan {
        case inOrder(duplicate: Int?)
        case outOfOrder
    }

    /// Whether the ids are already in order, and if so the index of the
    /// first id that repeats its predecessor.
    private func scanOrder() -> Scan {
        var duplicate: Int?
        var index = 1
        while index < count {
            let order = compare(index - 1, index)
            if order > 0 { return .outOfOrder }
            if order == 0 && duplicate == nil { duplicate = index }
            index += 1
        }
        return .inOrder(duplicate: duplicate)
    }

    /// The number of leading bytes all ids share.
    private func commonPrefixLength() -> Int {
        guard count > 1 else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            var length = offsets[1] - offsets[0]
            for index in 1..<count where length > 0 {
                let start = offsets[index]
                var shared = 0
                let limit = min(length, offsets[index + 1] - start)
                while shared < limit && buffer[start + shared] == buffer[shared] { shared += 1 }
                length = shared
            }
            return length
        }
    }
}

extension PackedIDs {
    /// How a list of records stands before any sorting.
    enum Presorted {
        /// Strictly increasing ids: already in order, no duplicates.
        case strictlyIncreasing
        /// In order, but the record at this index repeats its predecessor's id.
        case duplicate(at: Int)
        /// Not in order: pack and sort.
        case unsorted
    }

    /// Checks the order of `records` in place, without packing: a directory
    /// exported in id order, the common case, then needs no copy at all.
    static func presorted(_ records: [PopulationRecord]) -> Presorted {
        records.withUnsafeBufferPointer { buffer in
            var index = 1
            while index < buffer.count {
                let order = IDOrder.compare(borrowing: buffer[index - 1].id, buffer[index].id)
                if order > 0 { return .unsorted }
                if order == 0 { return .duplicate(at: index) }
                index += 1
            }
            return .strictlyIncreasing
        }
    }
}

/// Sorts `keys` ascending, stably, by least-significant-byte-first radix
/// passes, applying the same permutation to `values`. Passes over a byte
/// that is the same in every key are skipped.
private func radixSort(keys: inout [UInt64], carrying values: inout [Int]) {
    let count = keys.count
    guard count > 1 else { return }
    var counts = [Int](repeating: 0, count: 8 * 256)
    for key in keys {
        for pass in 0..<8 {
            counts[pass * 256 + Int((key >> UInt64(8 * pass)) & 0xff)] += 1
        }
    }
    var keyBuffer = [UInt64](repeating: 0, count: count)
    var valueBuffer = [Int](repeating: 0, count: count)
    var next = [Int](repeating: 0, count: 256)
    for pass in 0..<8 {
        let histogram = counts[(pass * 256)..<(pass * 256 + 256)]
        if histogram.contains(count) { continue }
        var total = 0
        for digit in 0..<256 {
            next[digit] = total
            total += histogram[pass * 256 + digit]
        }
        let shift = UInt64(8 * pass)
        keys.withUnsafeBufferPointer { keysIn in
            values.withUnsafeBufferPointer { valuesIn in
                keyBuffer.withUnsafeMutableBufferPointer { keysOut in
                    valueBuffer.withUnsafeMutableBufferPointer { valuesOut in
                        for index in 0..<count {
                            let digit = Int((keysIn[index] >> shift) & 0xff)
                            let slot = next[digit]
                            keysOut[slot] = keysIn[index]
                            valuesOut[slot] = valuesIn[index]
                            next[digit] = slot + 1
                        }
                    }
                }
            }
        }
        swap(&keys, &keyBuffer)
        swap(&values, &valueBuffer)
    }
}
