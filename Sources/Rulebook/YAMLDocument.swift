import Messages
import WorkingDays

extension YAMLFile {
    /// The document as positioned values, for input files (findings) that
    /// are checked by the same loader whether they were YAML or JSON.
    public var document: InputDocument? {
        rootValue.map { InputDocument(path: path, root: $0.documentNode) }
    }
}

extension YAMLValue {
    var documentNode: DocumentNode {
        let line = node.mark?.line ?? 1, column = node.mark?.column ?? 1
        let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
        let value: DocumentNode.Value
        switch resolved {
        case .null: value = .null
        case .bool(let b): value = .bool(b)
        case .int(let i): value = .int(i)
        case .double(let x): value = .double(x)
        case .string(let s): value = .string(s)
        case .date(let p):
            if let c = CivilDate(year: p.year, month: p.month, day: p.day) { value = .date(c) } else { value = .string(text ?? "") }
        case .list(let l): value = .list(l.map(\.documentNode))
        case .map(let pairs):
            value = .map(pairs.map { k, v in
                DocumentEntry(key: k.text ?? "", line: k.node.mark?.line ?? line, column: k.node.mark?.column ?? column, value: v.documentNode)
            })
        }
        return DocumentNode(value, line: line, column: column, quoted: quoted)
    }
}
