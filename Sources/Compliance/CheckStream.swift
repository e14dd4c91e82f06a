import Messages
import Rulebook

/// What `spotcheck check` prints, produced file by file so that files can be
/// evaluated on every core and their output still comes out in input order.
public struct CheckStream: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// A readable report per file.
        case text
        /// One JSON array, one object per file (SPEC.md §7).
        case json
        /// One JSON object per line, written as soon as it is ready.
        case ndjson
    }

    /// One file's part of the output.
    public struct FileOutput: Sendable {
        /// What goes to standard output for this file, separators included.
        public var bytes: [UInt8]
        /// What goes to standard error (problems with the file, warnings).
        public var diagnostics: [Diagnostic]
        public var evaluated: Bool
    }

    public let rulebook: Rulebook
    public let format: Format
    /// JSON without indentation (ndjson always has one object per line).
    public let compact: Bool
    public let language: Language

    public init(rulebook: Rulebook, format: Format, compact: Bool = false, language: Language = .zh) {
        self.rulebook = rulebook
        self.format = format
        self.compact = compact || format == .ndjson
        self.language = language
    }

    /// Scratch space of one worker: its writer keeps its buffer and the
    /// pieces of items it wrote between files.
    public struct Scratch: ~Copyable {
        var writer: JSONWriter
    }

    public func scratch() -> Scratch {
        Scratch(writer: JSONWriter(pretty: !compact, level: format == .json && !compact ? 1 : 0))
    }

    /// What is printed before the first file.
    public var opening: [UInt8] { format == .json ? [UInt8(ascii: "[")] : [] }

    /// What is printed after the last of `count` files.
    public func closing(count: Int) -> [UInt8] {
        guard format == .json else { return [] }
        return compact || count == 0 ? Array("]\n".utf8) : Array("\n]\n".utf8)
    }

    /// Renders file number `index` (from 0) of the output.
    public func render(index: Int, path: String, evaluation: Evaluation?, diagnostics: [Diagnostic],
                       scratch s: inout Scratch) -> FileOutput {
        if format == .text {
            var bytes: [UInt8] = []
            if let e = evaluation {
                var text = EvaluationOutput.text(e, rulebook: rulebook, language: language)
                text += "\n\n"
                text.withUTF8 { bytes.append(contentsOf: $0) }
            }
            return FileOutput(bytes: bytes, diagnostics: diagnostics, evaluated: evaluation != nil)
        }
        s.writer.reset(level: format == .json && !compact ? 1 : 0)
        switch format {
        case .json where index > 0: s.writer.append(compact ? [0x2C] : [0x2C, 0x0A, 0x20, 0x20])
        case .json: s.writer.append(compact ? [] : [0x0A, 0x20, 0x20])
        default: break
        }
        if let e = evaluation {
            EvaluationOutput.write(e, rulebook: rulebook, language: language, to: &s.writer)
        } else {
            EvaluationOutput.writeRefused(path: path, diagnostics: diagnostics, language: language, to: &s.writer)
        }
        if format == .ndjson { s.writer.append([0x0A]) }
        return FileOutput(bytes: s.writer.take(), diagnostics: diagnostics, evaluated: evaluation != nil)
    }

    /// Checks and renders `paths` on `workers` threads (`check` reads and
    /// evaluates one file and must be safe to call concurrently) and hands
    /// each file's output to `deliver` on the calling thread, in the order
    /// of `paths`. Output is the same bytes whatever the number of workers.
    public func run(_ paths: [String], workers: Int = OrderedWork.defaultWorkers, window: Int = 64,
                    check: @escaping @Sendable (String) -> (evaluation: Evaluation?, diagnostics: [Diagnostic]),
                    deliver: (Int, FileOutput) -> Void) {
        let stream = self
        OrderedWork.run(count: paths.count, workers: workers, window: window, state: { stream.scratch() }, work: { i, scratch in
            let (e, d) = check(paths[i])
            return stream.render(index: i, path: paths[i], evaluation: e, diagnostics: d, scratch: &scratch)
        }, deliver: deliver)
    }
}
