/// The outcome of importing one directory file: the rows that are entirely
/// valid, and a diagnostic for every problem. A row with any problem is left
/// out of `rows` and named by at least one diagnostic.
public struct DirectoryImport: Sendable {
    public var path: String
    public var rows: [DirectoryRow]
    public var diagnostics: [DirectoryDiagnostic]
    /// Data rows (after the header) that were left out because of a problem.
    public var rejectedRowCount: Int

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension DirectoryImport {
    /// The rows a scan handed over, as an import: none when the file was refused whole.
    init(_ scan: DirectoryScan, rows: [DirectoryRow]) {
        self.init(path: scan.path, rows: scan.refusedWhole ? [] : rows, diagnostics: scan.diagnostics,
                  rejectedRowCount: scan.rejectedRowCount)
    }
}

/// What reading one directory file found, when its rows went elsewhere as
/// they were read (`DirectoryImporter.scan`).
public struct DirectoryScan: Sendable {
    public var path: String
    public var diagnostics: [DirectoryDiagnostic] = []
    /// Valid rows read (handed over or, after an error, only counted).
    public var rowCount = 0
    /// Data rows left out because of a problem.
    public var rejectedRowCount = 0
    /// The header, the size or the number of rows refuses the whole file.
    public var refusedWhole = false

    public init(path: String) { self.path = path }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
