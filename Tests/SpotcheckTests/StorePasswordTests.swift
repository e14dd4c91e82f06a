import Foundation
import Testing

/// A PostgreSQL store's URL may carry its password (`user:password@`). No
/// command prints it, in an error or otherwise: they name the store as
/// `user:***@…`. Every command that takes `--store` is run against a URL
/// where no server listens (so each fails at once, and says where), and
/// against a URL that does not parse.
@Suite("Store passwords never printed")
struct StorePasswordTests {
    static let root = CLIRunner.packageRoot.path
    static let password = "s3cret-pw"
    static let samples = root + "/Rules/samples/kuancheng/"

    /// Nothing listens on port 1; the URL parses.
    static let unreachable = "postgresql://spot:\(password)@127.0.0.1:1/county"
    /// The port is not a number: the URL does not parse.
    static let malformed = "postgresql://spot:\(password)@127.0.0.1:port/county"

    /// Each command line, with `URL` where the store goes.
    static let commands: [[String]] = [
        ["init", "--store", "URL"],
        ["import", "--store", "URL", "--jurisdiction", "kuancheng", "--entities", samples + "schools.csv",
         "--inspectors", samples + "inspectors.csv"],
        ["draw", "2024-kuancheng-school-canteens", "--store", "URL", "--seed-string", "x", "--on", "2024-05-06", "--out", "draw"],
        ["confirm", "--store", "URL", "--task", "2024-kuancheng-school-canteens/T-0001", "--department", "education", "--on", "2024-05-07"],
        ["status", "--store", "URL", "--jurisdiction", "kuancheng", "--on", "2024-05-07"],
        ["report", "--store", "URL", "--jurisdiction", "kuancheng"],
        ["disclose", "--store", "URL", "--jurisdiction", "kuancheng", "--out", "public"],
        ["audit", "verify", "--store", "URL"],
        ["user", "list", "--store", "URL"],
        ["serve", "--store", "URL", "--port", "0"],
        ["demo", "--store", "URL", "--out", "demo"],
        ["workload", "submissions", "--store", "URL", "--plan", "2024-kuancheng-school-canteens", "--on", "2024-05-06", "--out", "load"],
    ]

    @Test("no command prints the password of a --store URL, whether it parses or not", arguments: [unreachable, malformed])
    func neverPrinted(_ url: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-password-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in Self.commands {
            for lang in ["zh", "en"] {
                let arguments = command.map { $0 == "URL" ? url : $0 } + ["--root", Self.root, "--lang", lang]
                let r = try CLIRunner.run(arguments, in: dir, input: "password-of-a-new-account\n")
                let shown = command.joined(separator: " ")
                #expect(r.status != 0, "\(shown)\n\(r)")
                #expect(!r.stdout.contains(Self.password) && !r.stderr.contains(Self.password), "\(shown)\n\(r)")
                // The store is still named, with the password hidden.
                #expect(r.stderr.contains("spot:***@127.0.0.1:"), "\(shown)\n\(r)")
            }
        }
    }

    @Test("user add reads the account's password from stdin and prints neither it nor the store's")
    func userAdd() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-password-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["user", "add", "--store", Self.unreachable, "lead-k", "--role", "lead_office", "--jurisdiction", "kuancheng",
                                   "--root", Self.root], in: dir, input: "account-secret\n")
        #expect(r.status != 0, "\(r)")
        #expect(!(r.stdout + r.stderr).contains(Self.password) && !(r.stdout + r.stderr).contains("account-secret"), "\(r)")
        #expect(r.stderr.contains("spot:***@127.0.0.1:1/county"), "\(r)")
    }
}

/// Every `--store` says what it takes: a SQLite file or a PostgreSQL URL.
@Suite("--store help")
struct StoreHelpTests {
    @Test("the help of every command with --store names both forms",
          arguments: [["init"], ["import"], ["draw"], ["confirm"], ["submit"], ["referral"], ["status"], ["report"], ["disclose"],
                      ["audit", "verify"], ["serve"], ["user", "add"], ["user", "list"], ["demo"], ["workload", "submissions"]])
    func helpNamesBothForms(_ command: [String]) throws {
        let r = try CLIRunner.run(command + ["--help"])
        // The option's help (its last mention: the first is the usage line), however ArgumentParser wraps it.
        let text = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        let help = try #require(text.range(of: "--store <store>", options: .backwards).map { String(text[$0.upperBound...].prefix(220)) }, "\(r)")
        #expect(help.contains("SQLite file") && help.contains("postgresql://"), "\(command): \(help)")
    }
}
