import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The `spotcheck` command line: thin wrappers over the library modules.
@main
struct SpotcheckCommand: AsyncParsableCommand {
    /// SPEC.md §10: wrong usage exits 2 (ArgumentParser's default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if (command as? any ServesRequests)?.servesRequests == true {
                // Tasks run on the event loops that read and write the
                // connections, instead of hopping between those threads
                // and Swift's own pool (two thread switches per request).
                // Only possible from the main thread, before any task runs.
                _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            }
            if var serving = command as? any AsyncParsableCommand {
                try await serving.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write((fullMessage(for: error) + "\n").data(using: .utf8)!)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "spotcheck",
        abstract: "双随机、一公开 spot checks: rule files, draws, evaluation, disclosure.",
        subcommands: [ValidateCommand.self, SchemaCommand.self, TestCommand.self, CheckCommand.self, RFC3797Command.self, DrawCommand.self,
                      DemoCommand.self, InitCommand.self, ImportCommand.self, ConfirmCommand.self, SubmitCommand.self,
                      ReferralCommand.self, StatusCommand.self, ReportCommand.self, DiscloseCommand.self, AuditCommand.self,
                      ServeCommand.self, UserCommand.self, BenchCommand.self, WorkloadCommand.self]
    )
}

/// A command that runs the web service.
protocol ServesRequests {
    var servesRequests: Bool { get }
}
