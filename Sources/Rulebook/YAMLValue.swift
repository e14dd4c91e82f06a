import Messages
import Yams

/// A YAML node together with the file it came from, so that every read can
/// report a precise place when the node is not what the schema expects.
public struct YAMLValue {
    let node: Node
    let source: YAMLSource
    var path: String { source.path }

    var place: Place { Place(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1) }

    /// For a scalar: how to find each of its characters in the file.
    var origin: ScalarOrigin? {
        guard let s = node.scalar, let m = node.mark else { return nil }
        return ScalarOrigin(source: source, line: m.line, column: m.column, style: s.style)
    }

    var scalar: Node.Scalar? { node.scalar }
    var isNull: Bool { node.scalar.map { $0.style == .plain && ($0.string == "~" || $0.string == "null" || $0.string == "Null" || $0.string == "NULL" || $0.string.isEmpty) } ?? false }

    var mapping: [(key: YAMLValue, value: YAMLValue)]? {
        guard let m = node.mapping else { return nil }
        return m.map { (YAMLValue(node: $0.key, source: source), YAMLValue(node: $0.value, source: source)) }
    }

    var sequence: [YAMLValue]? {
        node.sequence.map { $0.map { YAMLValue(node: $0, source: source) } }
    }

    /// What kind of node this is, for messages.
    var kindName: LocalizedText {
        if isNull { return LocalizedText(zh: "空值", en: "nothing") }
        switch node {
        case .mapping: return LocalizedText(zh: "映射", en: "a mapping")
        case .sequence: return LocalizedText(zh: "列表", en: "a list")
        case .scalar(let s): return LocalizedText(zh: "“\(s.string)”", en: "'\(s.string)'")
        case .alias: return LocalizedText(zh: "别名", en: "an alias")
        }
    }

    /// The text of a scalar, whatever its resolved type.
    var text: String? { node.scalar?.string }

    /// A CEL-bound value from YAML: bool, int, double, string, date, list, map.
    var resolved: Resolved {
        switch node {
        case .scalar(let s):
            if s.style != .plain { return .string(s.string) }
            if isNull { return .null }
            if let b = Bool.construct(from: s) { return .bool(b) }
            if let i = Int.construct(from: s) { return .int(i) }
            if let d = Double.construct(from: s) { return .double(d) }
            if s.string.count == 10, let d = CivilDateText.parse(s.string) { return .date(d) }
            return .string(s.string)
        case .sequence: return .list(sequence ?? [])
        case .mapping: return .map(mapping ?? [])
        case .alias: return .null
        }
    }

    enum Resolved {
        case null, bool(Bool), int(Int), double(Double), string(String), date(DateParts)
        case list([YAMLValue]), map([(key: YAMLValue, value: YAMLValue)])
    }
}

struct DateParts: Hashable, Sendable {
    var year: Int, month: Int, day: Int
}

enum CivilDateText {
    static func parse(_ s: String) -> DateParts? {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysIn(m, y) else { return nil }
        return DateParts(year: y, month: m, day: d)
    }
    static func daysIn(_ m: Int, _ y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
