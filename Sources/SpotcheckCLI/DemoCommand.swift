import ArgumentParser
import Foundation
import Rulebook
import Spotcheck
import Store
import Messages

/// `spotcheck demo`: the whole cycle on the bundled sample county.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole cycle on the sample county into a fresh folder (SQLite store, forms, disclosure, report).")

    @OptionGroup var options: CommonOptions

    @Option(help: "The fresh folder to write into (default: the first free spotcheck-demo[-N]).")
    var out: String?

    @Option(help: "The store to run on: a SQLite file or a postgresql:// URL (default: spotcheck.sqlite in the folder).")
    var store: String?

    func run() throws {
        let folder = out ?? Self.freeFolder(options.root)
        var demo = Demo(root: options.root, out: folder)
        demo.language = options.lang
        demo.storeLocation = store
        do {
            let s = try demo.run()
            let zh = options.lang == .zh
            print(zh ? "完成：\(folder)/index.html（审计链\(s.auditOK ? "完整" : "有误")）" : "Done: \(folder)/index.html (audit chain \(s.auditOK ? "intact" : "BROKEN"))")
            if !s.auditOK { throw ExitCode(1) }
        } catch let e as LifecycleError {
            Output.diagnostics(e.diagnostics.map { $0.redactingStore(store ?? "") }, options.lang)
            throw ExitCode(1)
        } catch let e as StoreError {
            Output.fail(store.map(Place.store) ?? Place(path: folder, line: 1, column: 1), e.message, options.lang, code: 1)
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
