import ArgumentParser
import Foundation
import Rulebook
import Service
import Spotcheck
import Store
import Messages
import WorkingDays

/// `spotcheck demo`: the whole cycle on the bundled sample county.
struct DemoCommand: AsyncParsableCommand, ServesRequests {
    var servesRequests: Bool { serve }
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole cycle on the sample county into a fresh folder (SQLite store, forms, disclosure, report).")

    @OptionGroup var options: CommonOptions

    @Option(help: "The fresh folder to write into (default: the first free spotcheck-demo[-N]).")
    var out: String?

    @Option(help: "The store to run on: a SQLite file or a postgresql:// URL (default: spotcheck.sqlite in the folder).")
    var store: String?

    @Flag(help: "Then add demonstration accounts (printed with their passwords) and serve the store.")
    var serve = false

    @Option(help: "With --serve: the port to listen on.")
    var port = 8080

    func run() async throws {
        let folder = out ?? Self.freeFolder(options.root)
        var demo = Demo(root: options.root, out: folder)
        demo.language = options.lang
        demo.storeLocation = store
        do {
            let s = try demo.run()
            let zh = options.lang == .zh
            print(zh ? "完成：\(folder)/index.html（审计链\(s.auditOK ? "完整" : "有误")）" : "Done: \(folder)/index.html (audit chain \(s.auditOK ? "intact" : "BROKEN"))")
            if !s.auditOK { throw ExitCode(1) }
            if serve { try await serveDemo(folder: folder, day: s.lastDay) }
        } catch let e as LifecycleError {
            Output.diagnostics(e.diagnostics.map { $0.redactingStore(store ?? "") }, options.lang)
            throw ExitCode(1)
        } catch let e as StoreError {
            Output.fail(store.map(Place.store) ?? Place(path: folder, line: 1, column: 1), e.message, options.lang, code: 1)
        }
    }

    /// The demo's store served as it stands on the demo's last day, with an
    /// account for each role to sign in with.
    func serveDemo(folder: String, day: CivilDate?) async throws {
        let location = store ?? folder + "/spotcheck.sqlite"
        let configuration = ServiceConfiguration(root: options.root, store: location, port: port, fixedDay: day)
        let state = try ServiceState(configuration: configuration)
        let accounts = try DemoAccounts.create(workspace: state.workspace, store: state.store, by: "spotcheck demo --serve")
        let zh = options.lang == .zh
        print(zh ? "演示账号（仅供演示库使用）：" : "Demonstration accounts (for the demo store only):")
        for a in accounts {
            print("  \(a.id)\t\(a.password)\t\(a.role.rawValue)\t\(a.jurisdiction)\(a.department.map { "\t" + $0 } ?? "")")
        }
        fflush(nil)
        try await SpotcheckServer.run(state) { port in
            print(zh ? "Spotcheck 服务已启动：http://127.0.0.1:\(port)/（服务日期 \(day?.description ?? "今天")，Ctrl-C 停止）"
                     : "Spotcheck is serving http://127.0.0.1:\(port)/ (acting on \(day?.description ?? "today"); Ctrl-C stops it)")
            fflush(nil)
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
