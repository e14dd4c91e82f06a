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
    /// How many diagnostics of one file are printed.
    static let perFile = 100

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
        // At most `perFile` of one file's diagnostics, then how many more.
        var shown: [String: Int] = [:]
        var out = ""
        for d in order {
            shown[d.path, default: 0] += 1
            if shown[d.path]! <= perFile { out += d.formatted(lang) + "\n" }
        }
        for (path, n) in shown.sorted(by: { $0.key < $1.key }) where n > perFile {
            out += lang == .zh ? "\(path): 另有 \(n - perFile) 条诊断未列出\n" : "\(path): \(n - perFile) more diagnostics not shown\n"
        }
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// A readable regular file (not a folder): anything else is a usage error (exit 2).
    static func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isReadableFile(atPath: path)
    }

    /// A readable file or folder (what `validate` and `test` take).
    static func pathExists(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }

    /// Prints one diagnostic and exits with `code` (1 invalid input, 2 usage or unreadable).
    static func fail(_ place: Place, _ message: LocalizedText, _ lang: Language, code: Int32) -> Never {
        diagnostics([Diagnostic(path: place.path, line: place.line, column: place.column, message)], lang)
        Foundation.exit(code)
    }
}
