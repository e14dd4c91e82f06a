import ArgumentParser
import Foundation
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
    static func diagnostics(_ ds: [Diagnostic], _ lang: Language) {
        for d in ds { FileHandle.standardError.write((d.formatted(lang) + "\n").data(using: .utf8)!) }
    }

    static func fileExists(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }
}
