import Compliance
import Foundation
import Messages
import Spotcheck
import Testing

// `check` evaluates files on every core and prints them in input order
// (CheckStream over OrderedWork): the bytes must not depend on how many
// workers there are, and must be the bytes the JSONValue serializer gives.

@Suite("check on several cores")
struct ConcurrentCheckTests {
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A few hundred findings files, evaluated and refused mixed: copies of
    /// every findings fixture (good, invalid, broken, one JSON that is not
    /// JSON at all), under distinct names, in a shuffled but fixed order.
    static let files: [String] = {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("spotcheck-concurrent-\(getpid())").path
        try? fm.removeItem(atPath: dir)
        try! fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var sources: [String] = []
        for sub in ["Tests/SpotcheckTests/Fixtures/findings", "Tests/SpotcheckTests/Fixtures/broken/findings"] {
            let folder = root + "/" + sub
            for name in (try! fm.contentsOfDirectory(atPath: folder)).sorted() { sources.append(folder + "/" + name) }
        }
        let notJSON = dir + "/not-json.json"
        try! Data("{\"entity\": {\"id\": \"X\",}, ".utf8).write(to: URL(fileURLWithPath: notJSON))
        var out: [String] = []
        var seed: UInt64 = 0x5EED
        for round in 0..<10 {
            for source in sources + [notJSON] {
                let ext = (source as NSString).pathExtension
                let name = "\(round)-" + ((source as NSString).lastPathComponent as NSString).deletingPathExtension + "." + ext
                let path = dir + "/" + name
                if !fm.fileExists(atPath: path) { try! fm.copyItem(atPath: source, toPath: path) }
                out.append(path)
            }
        }
        // A fixed shuffle, so refused and evaluated files interleave.
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            out.swapAt(i, Int((seed >> 33) % UInt64(i + 1)))
        }
        return out
    }()

    static let workspace: Workspace? = Workspace.load(root: root).0

    /// Everything `check` prints for `files`: standard output, then each
    /// file's diagnostics in order, run on `workers` threads.
    func run(_ stream: CheckStream, workers: Int, window: Int = 8) throws -> (stdout: [UInt8], diagnostics: [[Diagnostic]], evaluated: [Bool]) {
        let ws = try #require(Self.workspace)
        var out = stream.opening
        var diagnostics: [[Diagnostic]] = []
        var evaluated: [Bool] = []
        var order: [Int] = []
        stream.run(Self.files, workers: workers, window: window, check: { ws.check($0, entities: nil) }) { i, file in
            order.append(i)
            out += file.bytes
            diagnostics.append(file.diagnostics)
            evaluated.append(file.evaluated)
        }
        out += stream.closing(count: Self.files.count)
        #expect(order == Array(0..<Self.files.count), "files must be delivered in input order")
        return (out, diagnostics, evaluated)
    }

    @Test("a few hundred files, evaluated and refused, give the same bytes on 1 and on 4 workers",
          arguments: [(CheckStream.Format.json, false), (.json, true), (.ndjson, true), (.text, false)])
    func concurrentEqualsSequential(_ format: CheckStream.Format, _ compact: Bool) throws {
        let ws = try #require(Self.workspace)
        let stream = CheckStream(rulebook: ws.rulebook, format: format, compact: compact, language: .zh)
        #expect(Self.files.count >= 300)
        let sequential = try run(stream, workers: 1)
        let concurrent = try run(stream, workers: 4)
        #expect(sequential.evaluated.contains(true) && sequential.evaluated.contains(false),
                "the batch must mix evaluated and refused files")
        #expect(sequential.stdout.count > 10_000)
        #expect(concurrent.stdout == sequential.stdout, "\(format) output differs with 4 workers")
        #expect(concurrent.diagnostics == sequential.diagnostics, "diagnostics differ with 4 workers")
        #expect(concurrent.evaluated == sequential.evaluated)
    }

    @Test("the JSON written as bytes is the JSON of the JSONValue serializer, byte for byte")
    func sameBytesAsJSONValue() throws {
        let ws = try #require(Self.workspace)
        for language in [Language.zh, .en] {
            let stream = CheckStream(rulebook: ws.rulebook, format: .json, language: language)
            let got = try run(stream, workers: 2).stdout
            var values: [JSONValue] = []
            for path in Self.files {
                let (e, d) = ws.check(path, entities: nil)
                values.append(e.map { EvaluationOutput.json($0, rulebook: ws.rulebook, language: language) }
                              ?? EvaluationOutput.refused(path: path, diagnostics: d, language: language))
            }
            let expected = Array((JSONValue.array(values).serialized() + "\n").utf8)
            #expect(got == expected, "\(language): the writer's JSON differs from JSONValue.serialized()")
        }
    }

    @Test("ndjson is one object per file, in input order, each parseable")
    func ndjsonOrder() throws {
        let ws = try #require(Self.workspace)
        let stream = CheckStream(rulebook: ws.rulebook, format: .ndjson, language: .en)
        let out = try run(stream, workers: 3, window: 2).stdout
        let lines = out.split(separator: 0x0A)
        #expect(lines.count == Self.files.count)
        for (line, path) in zip(lines, Self.files) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect(object["file"] as? String == path)
        }
    }
}
