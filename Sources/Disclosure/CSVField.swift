import Foundation

/// One cell of a published CSV file, made safe to open in a spreadsheet.
///
/// `disclosure.csv` is downloaded by the public and opened in Excel, WPS or
/// LibreOffice, which read a cell that starts with `=`, `+`, `-` or `@` (and,
/// in some versions, a tab or a carriage return before one) as a formula:
/// a finding written as `=HYPERLINK("http://…","详情")` would become a link,
/// or worse, in every downloader's sheet. Such a cell gets a leading `'`,
/// which spreadsheets take as "this is text" (OWASP, CSV injection). Only
/// the CSV is treated so: JSON and HTML carry the text as it is.
public enum CSVField {
    /// The first characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `cell` with a leading `'` when it starts with one of `formulaStarts`.
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(first) else { return cell }
        return "'" + cell
    }

    /// RFC 4180: a cell holding a comma, a quote, CR or LF is quoted, with
    /// its quotes doubled; any other cell is written as it is.
    public static func quoted(_ cell: String) -> String {
        let needsQuotes = cell.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: every cell neutralized, then quoted; cells joined by
    /// commas; CRLF at the end.
    public static func line(_ cells: [String]) -> String {
        cells.map { quoted(neutralized($0)) }.joined(separator: ",") + "\r\n"
    }
}
