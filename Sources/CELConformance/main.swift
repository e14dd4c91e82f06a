import CEL
import Foundation

/// Runs cel-spec "simple" conformance files: parse, check unless the test
/// disables it, evaluate with the test's bindings, compare.
var passed = 0, failed = 0, skipped = 0
var failures: [String] = []
var skips: [String: Int] = [:]

let files = Array(CommandLine.arguments.dropFirst())
if files.isEmpty {
    FileHandle.standardError.write("usage: cel-conformance FILE.textproto...\n".data(using: .utf8)!)
    exit(2)
}

for path in files {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write("\(path): error: cannot read file\n".data(using: .utf8)!)
        exit(2)
    }
    let file: TextProtoMessage
    do { file = try TextProtoParser.parse(text) } catch {
        FileHandle.standardError.write("\(path): error: \(error)\n".data(using: .utf8)!)
        exit(2)
    }
    var p = 0, f = 0, s = 0
    for section in file.messages("section") {
        for test in section.messages("test") {
            let label = "\(file.string("name") ?? path)/\(section.string("name") ?? "?")/\(test.string("name") ?? "?")"
            switch try ConformanceCase.read(test) {
            case .failure(let reason):
                s += 1
                skips[reason.text, default: 0] += 1
            case .success(let c):
                if let problem = ConformanceRunner.run(c) {
                    f += 1
                    failures.append("\(label)\n    expr: \(c.expr)\n    \(problem)")
                } else {
                    p += 1
                }
            }
        }
    }
    print("\((path as NSString).lastPathComponent): \(p) passed, \(f) failed, \(s) skipped")
    passed += p; failed += f; skipped += s
}

if !failures.isEmpty {
    print("\nFailures:")
    for line in failures { print("  " + line) }
}
if !skips.isEmpty {
    print("\nSkipped (protocol buffers are out of scope):")
    for (reason, n) in skips.sorted(by: { $0.key < $1.key }) { print("  \(n) \(reason)") }
}
print("\(passed) passed, \(failed) failed, \(skipped) skipped")
exit(failed == 0 ? 0 : 1)
