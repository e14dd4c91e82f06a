// libyaml itself, as vendored by Yams: Yams offers no event-level API, and
// the count must happen on events, before Yams composes a tree (see below).
// CYaml is not a product of the Yams package, so Package.swift cannot name
// it; it is importable because Rulebook depends on Yams, which builds it.
import CYaml
import Messages

/// A bound on how far anchors and aliases may expand a YAML document
/// ("billion laughs": `b: &b [*a,*a,…]`, `c: &c [*b,*b,…]`, … grows tenfold
/// per level, so 1.5 KB become 10⁹ nodes).
///
/// Yams composes an alias by sharing the anchored node, so composing is
/// cheap, but everything after it sees the expanded tree: the loaders turn
/// nodes into `Datum` by walking them (7.2 GB and 83 s at level 8, an abort
/// at level 9), and Yams' own duplicate-key check hashes a mapping key that
/// is an alias through its whole expansion while composing. So the count
/// runs on libyaml's events, before Yams sees the text: every scalar and
/// collection counts one node, every alias the number of nodes of what it
/// names. A document is refused at the alias that takes the total beyond
/// `maxExpandedNodes`.
///
/// Aliases are limited rather than forbidden: none of the repository's rule
/// or findings files uses one today, but sharing a list of options through
/// an anchor is ordinary YAML and harmless within the budget. A file without
/// aliases is never refused by the budget, whatever its size: its nodes are
/// bounded by its bytes like any other input.
enum YAMLBudget {
    /// The most nodes a document may hold once its aliases are expanded.
    /// A 1,000-item checklist has about 20,000; 100,000 expanded nodes cost
    /// the loaders a few megabytes and milliseconds.
    static let maxExpandedNodes = 100_000

    /// The alias that took the document beyond the budget.
    struct Overrun: Sendable, Hashable {
        /// 1-based line and column (in Unicode scalars, as libyaml counts).
        var line: Int
        var column: Int
        var anchor: String
        /// Nodes counted up to and including this alias's expansion.
        var expandedNodes: Int

        func diagnostic(path: String) -> Diagnostic {
            let limit = YAMLBudget.maxExpandedNodes
            return Diagnostic(path: path, line: line, column: column, LocalizedText(
                zh: "别名“*\(anchor)”展开后文档的节点数达到 \(expandedNodes)，超过上限 \(limit)：锚点（&）与别名（*）不能这样层层倍增",
                en: "the alias '*\(anchor)' expands the document to \(expandedNodes) nodes, beyond the limit of \(limit): anchors (&) and aliases (*) must not multiply like this"))
        }
    }

    /// The first alias that takes `text` beyond the budget, or nil when the
    /// document stays within it. Also nil when libyaml finds a syntax error:
    /// composing the text next reports that error with its place.
    static func overrun(in text: String) -> Overrun? {
        // Without `*` there is no alias, and nothing to count.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var text = text
        return text.withUTF8 { bytes in count(bytes) }
    }

    private struct Frame {
        var nodes = 1
        var anchor: String?
    }

    private static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Overrun? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var nodesOfAnchor: [String: Int] = [:]
        var open: [Frame] = []
        var total = 0
        func add(_ nodes: Int) {
            total += nodes
            if !open.isEmpty { open[open.count - 1].nodes += nodes }
        }
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                nodesOfAnchor = [:]   // anchors are local to their document
            case YAML_SCALAR_EVENT:
                add(1)
                if let anchor = string(event.data.scalar.anchor) { nodesOfAnchor[anchor] = 1 }
            case YAML_SEQUENCE_START_EVENT:
                total += 1
                open.append(Frame(anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                total += 1
                open.append(Frame(anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = open.popLast() else { return nil }
                if let anchor = frame.anchor { nodesOfAnchor[anchor] = frame.nodes }
                if !open.isEmpty { open[open.count - 1].nodes += frame.nodes }
            case YAML_ALIAS_EVENT:
                let anchor = string(event.data.alias.anchor) ?? ""
                // An undefined alias counts one; composing reports it.
                add(nodesOfAnchor[anchor] ?? 1)
                // No earlier alias crossed the budget, so aliases have added
                // at most the budget before this one, and this one at most
                // the text's nodes plus the budget: no overflow is possible.
                if total > maxExpandedNodes {
                    return Overrun(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                                   anchor: anchor, expandedNodes: total)
                }
            default:
                break
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
