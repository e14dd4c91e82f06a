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
