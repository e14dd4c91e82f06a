import ArgumentParser
import Compliance
import Foundation
import Messages
import Rulebook
import Spotcheck

/// `spotcheck check FILE...`: evaluate findings (SPEC.md §7).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate findings files against their checklists.")

    @OptionGroup var options: CommonOptions

    @Option(help: "Output format: text (default), json (one array) or ndjson (one object per line, streamed).")
    var format: CheckStream.Format = .text

    @Flag(help: "JSON without indentation (ndjson is always one object per line).")
    var compact = false

    @Option(help: "Files evaluated at once (default: one per core). Output is the same for any number.")
    var jobs: Int?

    @Option(help: "Entity directory (CSV), for findings that name the entity by id.")
    var entities: String?

    @Option(name: .customLong("files-from"),
            help: "Read more findings paths from this file, one per line ('-': standard input), for batches too long for a command line.")
    var filesFrom: String?

    @Argument(help: "Findings files (YAML or JSON).")
    var files: [String] = []

    func validate() throws {
        guard !files.isEmpty || filesFrom != nil else { throw ValidationError("give at least one findings file") }
        if let jobs, jobs < 1 { throw ValidationError(options.lang == .zh ? "--jobs 至少为 1" : "--jobs must be at least 1") }
        for f in files + [entities, filesFrom == "-" ? nil : filesFrom].compactMap({ $0 }) where !Output.fileExists(f) {
            throw ValidationError(options.lang == .zh ? "无法读取 \(f)" : "cannot read \(f)")
        }
    }

    /// The files given as arguments, then those listed in --files-from;
    /// a listed path that cannot be read is a usage error, as an argument's is.
    func allFiles() throws -> [String] {
        guard let filesFrom else { return files }
        let data = filesFrom == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: filesFrom)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw ValidationError(options.lang == .zh ? "无法读取 \(filesFrom)" : "cannot read \(filesFrom)")
        }
        let listed = text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }.filter { !$0.isEmpty }
        for f in listed where !Output.fileExists(f) {
            throw ValidationError(options.lang == .zh ? "无法读取 \(f)（列于 \(filesFrom)）" : "cannot read \(f) (listed in \(filesFrom))")
        }
        let all = files + listed
        guard !all.isEmpty else { throw ValidationError("give at least one findings file") }
        return all
    }

    func run() throws {
        let files = try allFiles()
        let ws = try options.workspace()
        var lookup: FindingsLoader.EntityLookup?
        if let entities {
            let imported = try ws.importEntities(entities)
            Output.diagnostics(imported.diagnostics.map {
                Diagnostic(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity == .error ? .error : .warning,
                           LocalizedText(zh: $0.messageZH, en: $0.messageEN))
            }, options.lang)
            lookup = DirectoryData.lookup(imported.rows)
        }
        let stream = CheckStream(rulebook: ws.rulebook, format: format, compact: compact, language: options.lang)
        let out = FileDescriptorWriter(fd: 1)
        let progress = CheckProgress(total: files.count, language: options.lang)
        var anyInvalid = false
        out.write(stream.opening)
        let entityLookup = lookup
        stream.run(files, workers: jobs ?? OrderedWork.defaultWorkers, check: { ws.check($0, entities: entityLookup) }) { _, file in
            if !file.diagnostics.isEmpty {
                progress.clear()
                Output.diagnostics(file.diagnostics, options.lang)
            }
            if !file.evaluated { anyInvalid = true }
            if out.isTerminal { progress.clear() }
            out.write(file.bytes)
            progress.advance(failed: !file.evaluated)
        }
        out.write(stream.closing(count: files.count))
        out.flush()
        progress.clear()
        if anyInvalid { throw ExitCode(1) }
    }
}

extension CheckStream.Format: ExpressibleByArgument {}
