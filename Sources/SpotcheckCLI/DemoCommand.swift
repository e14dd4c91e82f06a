import ArgumentParser
import Foundation
import Rulebook
import Spotcheck

/// `spotcheck demo`: the whole cycle on the bundled sample county.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole cycle on the sample county into a fresh folder (SQLite store, forms, disclosure, report).")

    @OptionGroup var options: CommonOptions

    @Option(help: "The fresh folder to write into (default: the first free spotcheck-demo[-N]).")
    var out: String?

    func run() throws {
        let folder = out ?? Self.freeFolder(options.root)
        var demo = Demo(root: options.root, out: folder)
        demo.language = options.lang
        do {
            let s = try demo.run()
            let zh = options.lang == .zh
            print(zh ? "完成：\(folder)/index.html（审计链\(s.auditOK ? "完整" : "有误")）" : "Done: \(folder)/index.html (audit chain \(s.auditOK ? "intact" : "BROKEN"))")
            if !s.auditOK { throw ExitCode(1) }
        } catch let e as LifecycleError {
            Output.diagnostics(e.diagnostics, options.lang)
            throw ExitCode(1)
        }
    }

    static func freeFolder(_ root: String) -> String {
        let fm = FileManager.default
        var n = 1
        while true {
            let name = n == 1 ? "spotcheck-demo" : "spotcheck-demo-\(n)"
            let path = fm.currentDirectoryPath + "/" + name
            if !fm.fileExists(atPath: path) { return path }
            n += 1
        }
    }
}
