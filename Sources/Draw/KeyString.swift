/// Builds the RFC 3797 key string from randomness sources.
///
/// The key is the only thing that carries the public randomness into the
/// draw, so its form is fixed to the letter of RFC 3797 section 4: for each
/// source in the order given, its numbers in ascending numeric order, each
/// written without leading zeros and followed by ".", and then "/" closing
/// the source. Sorting within a source makes the key independent of the order
/// in which, say, lottery balls came out; keeping the sources' order keeps
/// the announced structure.
public enum KeyString {
    /// The key for `sources`, each a list of numbers written in decimal.
    ///
    /// - Throws: `DrawError.noSources`, `.emptySource` or `.invalidNumber`.
    public static func rfc3797(sources: [[String]]) throws -> String {
        guard !sources.isEmpty else { throw DrawError.noSources }
        var key = ""
        for (index, source) in sources.enumerated() {
            guard !source.isEmpty else { throw DrawError.emptySource(source: index) }
            let numbers = try source.map { text -> DecimalNumeral in
                guard let number = DecimalNumeral(text) else {
                    throw DrawError.invalidNumber(text, source: index)
                }
                return number
            }
            for number in numbers.sorted() {
                key += number.digits
                key += "."
            }
            key += "/"
        }
        return key
    }

    /// Splits one source as typed by a person: numbers separated by spaces,
    /// tabs or commas ("1 2 3", "1,2,3", "1, 2, 3"). Empty pieces are dropped.
    public static func splitSource(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" })
            .map(String.init)
    }
}
