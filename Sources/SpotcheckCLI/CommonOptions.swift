import ArgumentParser
import Foundation
import Messages
import Rulebook
import Spotcheck

/// Options every rule-reading command shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Message language: zh (default) or en.")
    var lang: Language = .zh

    @Option(help: "The folder holding Rules/ and Checklists/.")
    var root: String = FileManager.default.currentDirectoryPath

    /// Loads the workspace or prints why not and exits 1.
    func workspace(extra: [String] = []) throws -> Workspace {
        let (ws, diags) = Workspace.load(root: root, extra: extra)
        Output.diagnostics(diags, lang)
        guard let ws else { throw ExitCode(1) }
        return ws
    }
}

extension Language: ExpressibleByArgument {}

enum Output {
    /// Prints diagnostics grouped by file, in line order.
    static func diagnostics(_ ds: [Diagnostic], _ lang: Language) {
        let order = ds.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.path != y.path {
                // Keep files in the order they were first reported.
                return ds.firstIndex { $0.path == x.path }! < ds.firstIndex { $0.path == y.path }!
            }
            return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
        }.map(\.element)
        for d in order { FileHandle.standardError.write((d.formatted(lang) + "\n").data(using: .utf8)!) }
    }

    static func fileExists(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }

    /// Prints one diagnostic and exits with `code` (1 invalid input, 2 usage or unreadable).
    static func fail(_ place: Place, _ message: LocalizedText, _ lang: Language, code: Int32) -> Never {
        diagnostics([Diagnostic(path: place.path, line: place.line, column: place.column, message)], lang)
        Foundation.exit(code)
    }
}
