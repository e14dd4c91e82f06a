/// One cell as read from the file, with where it starts: diagnostics point
/// at the cell, and a quoted cell may start on a later line than its record.
public struct CSVCell: Sendable, Hashable {
    /// The cell's text, quotes removed and `""` unescaped.
    public var text: String
    /// 1-based line of the cell's first character (its opening quote if quoted).
    public var line: Int
    /// 1-based character (Unicode scalar) column of the cell's first character.
    public var column: Int
    public var quoted: Bool

    public init(text: String, line: Int, column: Int, quoted: Bool = false) {
        self.text = text
        self.line = line
        self.column = column
        self.quoted = quoted
    }
}

/// A structural defect of one record; the record is then unusable.
public struct CSVProblem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A quoted field runs to the end of the file (position: the opening quote).
        case unterminatedQuote
        /// Characters between a closing quote and the next comma or line end.
        case textAfterClosingQuote
        /// Bytes that are not UTF-8 (position: the start of the cell).
        case invalidUTF8
        /// A NUL byte (position: the byte itself).
        case nulByte
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }
}

/// One record (row) of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// 1-based line where the record starts.
    public var line: Int
    public var cells: [CSVCell]
    /// Where the record ends (just past its last character), for "too few cells".
    public var endLine: Int
    public var endColumn: Int
    /// The first structural defect, if any.
    public var problem: CSVProblem?
    /// The byte offset just past the record and its line end: how far the
    /// bytes have been read (a streaming reader releases what lies before).
    public var byteEnd: Int = 0
}
