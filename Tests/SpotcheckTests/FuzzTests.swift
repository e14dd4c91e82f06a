import Compliance
import Foundation
import Messages
import Rulebook
import Testing
@testable import Spotcheck

/// A bounded, seeded fuzz run over every rule file and a set of findings:
/// each is mutated (bytes flipped, YAML and JSON punctuation, anchors and
/// aliases, huge and non-finite numbers, full-width colons, NUL, lines
/// dropped, doubled or swapped) and loaded; nothing may crash, and every
/// diagnostic must stand inside the file it names.
///
/// `SPOTCHECK_FUZZ_ITERATIONS` sets the mutations per file (default 12, a
/// few seconds in all); `SPOTCHECK_FUZZ_SEED` the seed. Each input is
/// written to a temporary file before it is loaded, so a crash leaves it
/// behind (`spotcheck-fuzz-*/current.*`).
@Suite("Fuzz", .serialized)
struct FuzzTests {
    static let root = LifecycleWorld.root
    static let iterations = ProcessInfo.processInfo.environment["SPOTCHECK_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 12
    static let seed = ProcessInfo.processInfo.environment["SPOTCHECK_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_201

    static let tokens: [String] = [":", ": ", "-", "- ", "[", "]", "{", "}", ",", "'", "\"", "#", "&a ", "*a", "!!str ", "|", ">",
                                   "\t", "\u{0}", "：", "，", "\u{200B}", "\u{202E}", "\n", "\n  ", "  ", "1e400", "-0", ".nan", ".inf",
                                   "9223372036854775807", "99999999999999999999", "0x10", "01", "true", "null", "~", "2024-02-30",
                                   "\\u00", "\u{FEFF}", "&&", "||", "==", "=", "value >", "size(", "has(entity.", "😀", "%"]

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        let rounds = 1 + Int(rng.next() % 3)
        for _ in 0..<rounds {
            let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 6 {
            case 0 where !bytes.isEmpty: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: bytes.insert(contentsOf: Array(tokens[Int(rng.next() % UInt64(tokens.count))].utf8), at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(rng.next() % 16)))
            default:
                var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                guard lines.count > 2 else { continue }
                let i = Int(rng.next() % UInt64(lines.count)), j = Int(rng.next() % UInt64(lines.count))
                switch rng.next() % 3 {
                case 0: lines.remove(at: i)
                case 1: lines.insert(lines[i], at: j)
                default: lines.swapAt(i, j)
                }
                bytes = Array(lines.joined(separator: "\n").utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every diagnostic of `path` stands at a line and column that exist in `text` (one past the end allowed).
    static func expectInside(_ diagnostics: [Diagnostic], path: String, text: String, _ input: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.unicodeScalars.count }
        for d in diagnostics where d.path == path {
            #expect(d.line >= 1 && d.line <= max(1, lines.count + 1), "line \(d.line) outside \(input): \(d.formatted(.en))")
            if d.line >= 1 && d.line <= lines.count {
                #expect(d.column >= 1 && d.column <= lines[d.line - 1] + 2, "column \(d.column) outside \(input): \(d.formatted(.en))")
            }
            #expect(!d.message.zh.isEmpty && !d.message.en.isEmpty)
        }
    }

    static func ruleFiles() throws -> [String] {
        var out: [String] = []
        for folder in ["Rules", "Checklists"] {
            let base = root + "/" + folder
            for f in FileManager.default.enumerator(atPath: base)?.compactMap({ $0 as? String }) ?? []
            where f.hasSuffix(".yaml") && !f.contains("samples") {
                out.append(base + "/" + f)
            }
        }
        return out.sorted()
    }

    @Test func mutatedRuleFilesNeverCrashAndPointInsideThemselves() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: Self.seed)
        let files = try Self.ruleFiles()
        #expect(files.count > 10)
        var tried = 0
        for file in files {
            let original = try String(contentsOfFile: file, encoding: .utf8)
            for _ in 0..<Self.iterations {
                let text = Self.mutate(original, &rng)
                let path = dir.appendingPathComponent("current.yaml").path
                try text.write(toFile: path, atomically: false, encoding: .utf8)
                let (_, diagnostics) = Rulebook.load(paths: [path])
                Self.expectInside(diagnostics, path: path, text: text, "a mutation of \(file)")
                tried += 1
            }
        }
        #expect(tried == files.count * Self.iterations)
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func mutatedFindingsNeverCrashAndPointInsideThemselves() throws {
        let (loaded, _) = Workspace.load(root: Self.root)
        let ws = try #require(loaded)
        let fixtures = CLIRunner.packageRoot.appendingPathComponent("Tests/SpotcheckTests/Fixtures/findings").path
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted().map { fixtures + "/" + $0 }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: Self.seed &+ 1)
        for file in files {
            let original = try String(contentsOfFile: file, encoding: .utf8)
            let ext = file.hasSuffix(".json") ? "json" : "yaml"
            for _ in 0..<(Self.iterations * 4) {
                let text = Self.mutate(original, &rng)
                let path = dir.appendingPathComponent("current." + ext).path
                try text.write(toFile: path, atomically: false, encoding: .utf8)
                var d = Diagnostics()
                if let f = FindingsLoader.parse(Array(text.utf8), path: path, entities: { _ in nil }, diagnostics: &d) {
                    _ = ws.interpreter.evaluate(f, diagnostics: &d)
                }
                Self.expectInside(d.all, path: path, text: text, "a mutation of \(file)")
            }
        }
        try? FileManager.default.removeItem(at: dir)
    }
}
