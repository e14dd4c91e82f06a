/// How large a directory file the importer takes. The importer holds every
/// row in memory (about 1 KB a row, see docs/bench/), so a larger file is
/// refused with a clear error instead of exhausting the machine; imports
/// beyond these go through the store's streaming import (SPEC §13).
public struct DirectoryLimits: Sendable, Hashable {
    /// Ten million rows: the largest population SPEC §11 draws from.
    public static let maxRowsDefault = 10_000_000
    /// 4 GiB: ten million rows of about 400 bytes, twice what the sample
    /// entity rows take.
    public static let maxBytesDefault = 4 * 1024 * 1024 * 1024

    public static let standard = DirectoryLimits(maxRows: maxRowsDefault, maxBytes: maxBytesDefault)

    /// Data rows (after the header); blank lines do not count.
    public var maxRows: Int
    /// Bytes of the file, byte order mark included.
    public var maxBytes: Int

    public init(maxRows: Int, maxBytes: Int) {
        self.maxRows = maxRows
        self.maxBytes = maxBytes
    }
}
