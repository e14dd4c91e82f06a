/// The messages of directory diagnostics, one language each: `messageZH`
/// for the default, `messageEN` under `--lang en` (SPEC §10).
extension DirectoryDiagnostic {
    public var messageZH: String {
        switch problem {
        case .emptyFile: return "文件为空，缺少表头行"
        case .noRows: return "文件只有表头，没有数据行"
        case let .missingHeaderColumn(c): return "表头缺少必需的列“\(shown(c))”"
        case let .unknownHeaderColumn(c): return "表头中的列“\(shown(c))”未在名录定义中声明"
        case let .duplicateHeaderColumn(c, first): return "表头中的列“\(shown(c))”重复（首次出现在第\(first)列）"
        case let .wrongCellCount(expected, found): return "该行有\(found)个单元格，应为\(expected)个（与表头列数一致）"
        case let .missingValue(c): return "必填列“\(shown(c))”的值为空"
        case let .wrongType(c, type, value): return "列“\(shown(c))”应为\(type.nameZH)，实际为“\(shown(value))”"
        case let .duplicateKey(key, c, first): return "“\(shown(c))”值“\(shown(key))”重复（首次出现在第\(first)行）"
        case let .keyInEarlierFile(key, c, file, line): return "“\(shown(c))”值“\(shown(key))”已在 \(shown(file)) 第\(line)行出现"
        case let .keyHasSurroundingSpace(c): return "主键列“\(shown(c))”的值前后有空白字符：请在源数据中删除，导入时不会自动去除"
        case let .keyHasInvisibleCharacter(c, scalar): return "主键列“\(shown(c))”的值含有不可见字符或控制字符 \(codePoint(scalar))"
        case .unterminatedQuote: return "引号未闭合：从此处开始的带引号字段直到文件末尾仍未结束"
        case .textAfterClosingQuote: return "闭合引号之后出现多余字符"
        case .invalidUTF8: return "单元格不是有效的 UTF-8 文本"
        case .nulByte: return "文件中有空字符（NUL，字节 0x00）"
        case let .tooManyRows(limit): return "数据行超过\(limit)行的上限，整个文件不予导入"
        case let .fileTooLarge(bytes, limit): return "文件有\(bytes)字节，超过\(limit)字节的上限，不予导入"
        }
    }

    public var messageEN: String {
        switch problem {
        case .emptyFile: return "the file is empty: no header row"
        case .noRows: return "the file has a header and no data rows"
        case let .missingHeaderColumn(c): return "the header lacks the required column '\(shown(c))'"
        case let .unknownHeaderColumn(c): return "the header column '\(shown(c))' is not declared for this directory"
        case let .duplicateHeaderColumn(c, first): return "the header column '\(shown(c))' appears twice (first at column \(first))"
        case let .wrongCellCount(expected, found): return "the row has \(found) cells, expected \(expected) (as in the header)"
        case let .missingValue(c): return "the required column '\(shown(c))' is empty"
        case let .wrongType(c, type, value): return "column '\(shown(c))' expects \(type.nameEN), found '\(shown(value))'"
        case let .duplicateKey(key, c, first): return "duplicate \(shown(c)) '\(shown(key))' (first on line \(first))"
        case let .keyInEarlierFile(key, c, file, line): return "\(shown(c)) '\(shown(key))' is also in \(shown(file)), line \(line)"
        case let .keyHasSurroundingSpace(c): return "the key column '\(shown(c))' has white space around its value: remove it in the source data, the import does not trim keys"
        case let .keyHasInvisibleCharacter(c, scalar): return "the key column '\(shown(c))' holds an invisible or control character, \(codePoint(scalar))"
        case .unterminatedQuote: return "unterminated quoted field: it starts here and runs to the end of the file"
        case .textAfterClosingQuote: return "unexpected text after the closing quote"
        case .invalidUTF8: return "the cell is not valid UTF-8"
        case .nulByte: return "the file holds a NUL character (byte 0x00)"
        case let .tooManyRows(limit): return "more than \(limit) data rows: the file is refused whole"
        case let .fileTooLarge(bytes, limit): return "the file has \(bytes) bytes, more than the limit of \(limit): it is not read"
        }
    }
}

/// Text from the file as a message shows it: characters that show nothing
/// or steer the terminal (controls, zero-width and bidi characters, escape
/// sequences) are written as `U+XXXX`, so a message cannot be reordered,
/// hidden or turned into terminal commands by the data it quotes.
func shown(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: KeyText.isInvisible) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        if KeyText.isInvisible(scalar) { out += codePoint(scalar.value) } else { out.unicodeScalars.append(scalar) }
    }
    return out
}

/// `U+200B`: four or more uppercase hex digits.
func codePoint(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

extension ColumnType {
    var nameZH: String {
        switch self {
        case .string: return "文本"
        case .int: return "整数"
        case .double: return "数值"
        case .bool: return "是/否（true/false、是/否、1/0、yes/no）"
        case .date: return "日期（YYYY-MM-DD）"
        case .list: return "列表（以;分隔）"
        }
    }

    var nameEN: String {
        switch self {
        case .string: return "text"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean (true/false, 是/否, 1/0, yes/no)"
        case .date: return "a date (YYYY-MM-DD)"
        case .list: return "a list (separated by ;)"
        }
    }
}
