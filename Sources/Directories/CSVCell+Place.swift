/// Where a character of a cell's text stands in the file. The text of a
/// quoted cell differs from what was written (the opening quote, `""` for
/// each quote, line breaks inside), so a diagnostic about one character of a
/// key walks the text the way the parser read it.
extension CSVCell {
    /// 1-based line and column (in Unicode scalars) of the text's scalar at
    /// `offset` (0-based); past the end, the place just after the text.
    public func place(ofScalarOffset offset: Int) -> (line: Int, column: Int) {
        var line = self.line
        var column = self.column + (quoted ? 1 : 0)
        var previous: Unicode.Scalar?
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == offset { return (line, column) }
            switch scalar {
            case "\n" where previous == "\r":
                break   // CRLF: the CR already moved to the next line
            case "\n", "\r":
                line += 1
                column = 1
            case "\"" where quoted:
                column += 2   // written as ""
            default:
                column += 1
            }
            previous = scalar
        }
        return (line, column)
    }
}
