import ArgumentParser
import Draw

/// `spotcheck rfc3797`: the selection of RFC 3797, byte for byte.
///
/// Kept apart from `draw` because it is the reference anyone can check by
/// hand against the RFC: no plan, no directories, just a pool size, a count
/// and the randomness sources.
struct RFC3797Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfc3797",
        abstract: "Select entries from a numbered pool as RFC 3797 prescribes.",
        discussion: """
            Prints the key string, then one line per selection: its 1-based index \
            and the selected entry's number (entries are numbered from 1).
            """)

    @Option(help: "The number of entries in the pool, numbered 1…N.")
    var pool: Int

    @Option(help: "How many entries to select.")
    var count: Int

    @Option(name: .customLong("source"),
            help: "A randomness source: numbers separated by spaces or commas. Repeat for each source, in order.")
    var sources: [String] = []

    func validate() throws {
        guard pool >= 0 else { throw ValidationError("--pool must not be negative") }
        guard count >= 0 else { throw ValidationError("--count must not be negative") }
        guard count <= pool else { throw ValidationError("--count \(count) exceeds --pool \(pool)") }
        guard count <= 65536 else { throw ValidationError("RFC 3797 allows at most 65536 selections") }
        guard !sources.isEmpty else { throw ValidationError("give at least one --source") }
        for (index, source) in sources.enumerated() {
            let numbers = KeyString.splitSource(source)
            guard !numbers.isEmpty else { throw ValidationError("--source \(index + 1) holds no number") }
            for number in numbers where DecimalNumeral(number) == nil {
                throw ValidationError("--source \(index + 1): \"\(number)\" is not a non-negative decimal integer")
            }
        }
    }

    func run() throws {
        let key = try KeyString.rfc3797(sources: sources.map(KeyString.splitSource))
        let selected = try Selection.rfc3797(count: count, poolSize: pool, key: key)
        var output = "key: \(key)\n"
        for (index, entry) in selected.enumerated() {
            output += "\(index + 1) \(entry)\n"
        }
        print(output, terminator: "")
    }
}
