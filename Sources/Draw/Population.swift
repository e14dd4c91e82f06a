/// A population ready to draw from: ids packed into one byte buffer and
/// each record's stratum as a small number. Built once when a directory is
/// loaded; drawing then touches no `String` per record, which for ten
/// million entities is the difference between retaining ten million string
/// buffers and reading one array.
public struct Population: Sendable {
    let ids: PackedIDs
    /// Each record's stratum, an index into `stratumNames`.
    let strata: [UInt32]
    /// The strata's names, in order of first appearance.
    public let stratumNames: [String]

    public var count: Int { ids.count }

    /// Packs records (ids and stratum labels).
    public init(_ records: [PopulationRecord]) {
        var names: [String] = []
        var index: [ByteKey: UInt32] = [:]
        var strata: [UInt32] = []
        strata.reserveCapacity(records.count)
        for r in records {
            let key = ByteKey(r.stratum)
            if let k = index[key] {
                strata.append(k)
            } else {
                let k = UInt32(names.count)
                index[key] = k
                names.append(r.stratum)
                strata.append(k)
            }
        }
        self.init(ids: PackedIDs(records), strata: strata, names: names)
    }

    /// Packs ids read through `id`, with each record's stratum given as an
    /// index into `names` — for loaders that compute strata as they go.
    /// Names that are the same bytes are one stratum.
    public init(count: Int, id: (Int) -> String, stratum: (Int) -> Int, names: [String]) {
        var first: [ByteKey: UInt32] = [:]
        var unique: [String] = []
        let remap = names.map { name -> UInt32 in
            if let k = first[ByteKey(name)] { return k }
            let k = UInt32(unique.count)
            first[ByteKey(name)] = k
            unique.append(name)
            return k
        }
        self.init(ids: PackedIDs(count: count, id: id), strata: (0..<count).map { remap[stratum($0)] }, names: unique)
    }

    /// Ids a loader packed as it read them (id i is
    /// bytes[offsets[i] ..< offsets[i + 1]], UTF-8), with each record's
    /// stratum as an index into `names` (distinct names): ten million ids
    /// without ten million strings.
    public init(packedIDs bytes: [UInt8], offsets: [Int], strata: [UInt32], names: [String]) {
        precondition(strata.count == offsets.count - 1, "one stratum per id")
        self.init(ids: PackedIDs(bytes: bytes, offsets: offsets), strata: strata, names: names)
    }

    init(ids: PackedIDs, strata: [UInt32], names: [String]) {
        self.ids = ids
        self.strata = strata
        self.stratumNames = names
    }

    /// The id of record `i`.
    public func id(_ i: Int) -> String { ids.string(i) }
}
