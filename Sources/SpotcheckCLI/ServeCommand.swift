import ArgumentParser
import Foundation
import Messages
import Service
import Spotcheck
import Store
import WorkingDays

/// `spotcheck serve`: the web service over a store (SPEC.md §12).
struct ServeCommand: AsyncParsableCommand, ServesRequests {
    var servesRequests: Bool { true }
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the store to browsers and API clients (accounts: spotcheck user add).")
    @OptionGroup var options: CommonOptions
    @Option(help: "The store: a SQLite file (e.g. spotcheck-demo/spotcheck.sqlite) or a postgresql:// URL.") var store: String
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed).") var port = 8080
    @Option(help: "The day the service acts on (default: today in China), for training and demonstration stores.") var on: String?

    func run() async throws {
        let day = try on.map { try parseDay($0, options.lang) }
        let configuration = ServiceConfiguration(root: options.root, store: store, host: host, port: port, fixedDay: day)
        let state: ServiceState
        do { state = try ServiceState(configuration: configuration) } catch {
            Output.diagnostics(error.diagnostics.map { $0.redactingStore(store) }, options.lang)
            throw ExitCode(1)
        }
        let zh = options.lang == .zh
        try await SpotcheckServer.run(state) { port in
            print(zh ? "Spotcheck 服务已启动：http://\(host):\(port)/（Ctrl-C 停止）" : "Spotcheck is serving http://\(host):\(port)/ (Ctrl-C stops it)")
            // Whoever started the service (a script, a test) waits for this line.
            fflush(nil)
        }
    }
}

/// `spotcheck user add|list`: accounts of the service.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Accounts of the web service.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account (or a new version of one); the password is read from the first line of stdin.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The store: a SQLite file or a postgresql:// URL.") var store: String
        @Argument(help: "The account id (an inspector's: their inspector directory id).") var id: String
        @Option(help: "inspector, department_admin, lead_office or system_admin.") var role: AccountRole
        @Option(help: "The jurisdiction (all roles but system_admin).") var jurisdiction: String?
        @Option(help: "The department (inspector: default from the directory; department_admin: required).") var department: String?
        @Option(help: ArgumentHelp("bcrypt cost (4–31).", visibility: .hidden)) var bcryptCost: UInt8 = 12

        func validate() throws {
            guard (4...31).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be 4 to 31") }
        }

        func run() throws {
            let ws = try options.workspace()
            let s: Store
            do { s = try Store.open(store, mode: .open) } catch {
                Output.fail(.store(store), error.message, options.lang, code: 1)
            }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError(options.lang == .zh ? "请从标准输入提供密码（第一行）" : "give the password on the first line of stdin")
            }
            let who = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
            let account = try lifecycle(options.lang) { () throws(LifecycleError) in
                try Accounts.add(.init(id: id, role: role, jurisdiction: jurisdiction, department: department, password: line),
                                 workspace: ws, store: s, bcryptCost: bcryptCost, by: "spotcheck user add (\(who))")
            }
            print(options.lang == .zh ? "已保存账号 \(account.accountID)（\(account.role.rawValue)，版本 \(account.version)）"
                                      : "saved account \(account.accountID) (\(account.role.rawValue), version \(account.version))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts (never their passwords).")
        @OptionGroup var options: CommonOptions
        @Option(help: "The store: a SQLite file or a postgresql:// URL.") var store: String

        func run() throws {
            let s: Store
            do { s = try Store.open(store, mode: .readOnly) } catch {
                Output.fail(.store(store), error.message, options.lang, code: 1)
            }
            let accounts: [AccountRecord]
            do { accounts = try s.accounts() } catch { Output.fail(.store(store), error.message, options.lang, code: 1) }
            for a in accounts {
                print([a.accountID, a.role.rawValue, a.jurisdiction, a.department ?? "", a.active ? "active" : "inactive", "v\(a.version)"].joined(separator: "\t"))
            }
        }
    }
}

extension AccountRole: ExpressibleByArgument {}
