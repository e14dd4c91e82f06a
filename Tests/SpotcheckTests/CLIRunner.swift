import Foundation

/// What one run of the `spotcheck` executable printed and returned.
struct CLIResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)" }

    /// stdout parsed as the JSON array of `spotcheck check --format json`.
    func jsonArray() throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        guard let array = object as? [[String: Any]] else { throw CLIRunner.Failure.notAJSONArray(stdout) }
        return array
    }
}

/// Runs the built `spotcheck` executable end to end, the way a user does.
///
/// The executable is looked for next to the test bundle (the directory of
/// `CommandLine.arguments[0]`, `Bundle.main`, or a loaded `.xctest` bundle),
/// then in `<package root>/.build/debug`. Build it first with
/// `swift build --product spotcheck` (or `swift build --build-tests`).
enum CLIRunner {
    enum Failure: Error, CustomStringConvertible {
        case executableNotFound([String])
        case notAJSONArray(String)

        var description: String {
            switch self {
            case .executableNotFound(let dirs):
                return "spotcheck executable not found (looked in \(dirs.joined(separator: ", "))); run `swift build --product spotcheck` first"
            case .notAJSONArray(let s):
                return "stdout is not a JSON array:\n\(s)"
            }
        }
    }

    /// The package root: this file is `<root>/Tests/SpotcheckTests/CLIRunner.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // SpotcheckTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // root

    /// Fixture paths relative to the package root (as diagnostics print them).
    static let fixturesRelative = "Tests/SpotcheckTests/Fixtures/findings"

    static func fixture(_ name: String) -> String { "\(fixturesRelative)/\(name)" }

    static var candidateDirectories: [URL] {
        var dirs: [URL] = []
        if let argv0 = CommandLine.arguments.first, !argv0.isEmpty {
            dirs.append(URL(fileURLWithPath: argv0).deletingLastPathComponent())
        }
        dirs.append(Bundle.main.bundleURL)
        dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            dirs.append(bundle.bundleURL.deletingLastPathComponent())
        }
        dirs.append(packageRoot.appendingPathComponent(".build/debug"))
        return dirs
    }

    static func locateExecutable() throws -> URL {
        let dirs = candidateDirectories
        for dir in dirs {
            let candidate = dir.appendingPathComponent("spotcheck")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw Failure.executableNotFound(dirs.map(\.path))
    }

    /// Runs `spotcheck ARGUMENTS...` with `directory` (default: the package
    /// root) as working directory. stdout and stderr go to temporary files,
    /// so a large output cannot fill a pipe and block the child.
    static func run(_ arguments: [String], in directory: URL = packageRoot, input: String? = nil) throws -> CLIResult {
        let executable = try locateExecutable()
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("spotcheck-cli-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let input {
            let inURL = scratch.appendingPathComponent("stdin")
            _ = fm.createFile(atPath: inURL.path, contents: Data(input.utf8))
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()

        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return CLIResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
