import ArgumentParser

/// The `spotcheck` command line: thin wrappers over the library modules.
@main
struct SpotcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spotcheck",
        abstract: "双随机、一公开 spot checks: rule files, draws, evaluation, disclosure.",
        subcommands: [ValidateCommand.self, TestCommand.self, CheckCommand.self, RFC3797Command.self, BenchCommand.self]
    )
}
