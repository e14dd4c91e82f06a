/// A key with its hash computed once. The importer checks a million keys
/// for duplicates; with plain `String` keys, every probe of the dictionary
/// compared strings that share long prefixes (credit codes of one county
/// all start alike) and every resize hashed every key again. Here a probe
/// compares two integers first, and a resize hashes integers.
struct HashedKey: Hashable {
    let key: String
    let hash: Int

    init(_ key: String) {
        self.key = key
        self.hash = key.hashValue
    }

    static func == (a: HashedKey, b: HashedKey) -> Bool { a.hash == b.hash && a.key == b.key }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
