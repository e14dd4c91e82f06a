import Compliance
import Dispatch
import Foundation
import Messages
import Spotcheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole-process figure of `spotcheck check`: a 200-entry checklist
/// (190 items, 40 of them with skip logic, 10 cross-item rules) and N JSON
/// findings files written into a temporary folder, then `check` run on them
/// as a child process, stdout to a file, several times; the median wall
/// time, the peak RSS and the output rate are reported. The same shape as
/// docs/bench/check-workload.py, which also times the peers.
enum CheckBench {
    static func run(root: String, rounds: Int, files count: Int) throws -> [String] {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("spotcheck-check-bench-\(getpid())").path
        try? fm.removeItem(atPath: dir)
        defer { try? fm.removeItem(atPath: dir) }
        let work = dir + "/root"
        try fm.createDirectory(atPath: work + "/findings", withIntermediateDirectories: true)
        try fm.copyItem(atPath: root + "/Rules", toPath: work + "/Rules")
        try fm.copyItem(atPath: root + "/Checklists", toPath: work + "/Checklists")
        let workload = CheckWorkload()
        try workload.checklistYAML().write(toFile: work + "/Checklists/market_supervision/workload200.yaml", atomically: true, encoding: .utf8)
        var paths: [String] = []
        var refused = 0
        for n in 1...count {
            let (text, isRefused) = workload.findingsJSON(n)
            let path = "findings/f-\(String(format: "%05d", n)).json"
            try writeFile(work + "/" + path, text)
            paths.append(path)
            if isRefused { refused += 1 }
        }
        var lines = try inProcess(work: work, paths: Array(paths.prefix(200)), rounds: rounds)
        let exe = executablePath()
        lines += ["check, whole process: \(count) JSON findings files (\(refused) refused), 200-entry checklist; \(rounds) runs, median"]
        for (name, extra) in [("--format json", ["--format", "json"]), ("--format ndjson --compact", ["--format", "ndjson", "--compact"])] {
            var walls: [Double] = []
            var peak = 0
            var size = 0
            for _ in 0..<rounds {
                let out = dir + "/out.json"
                let (wall, rss, status) = try spawn(exe, ["check"] + extra + paths, cwd: work, stdout: out)
                guard status == 1 || status == 0 else { throw BenchError("check exited with \(status)") }
                walls.append(wall)
                peak = max(peak, rss)
                size = (try? fm.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            }
            walls.sort()
            let median = walls[walls.count / 2]
            let mb = Double(size) / 1e6
            lines.append("  check \(name): median \(ms(median)) (min \(ms(walls[0]))), \(Int(Double(count) / median)) files/s, "
                         + "peak RSS \(String(format: "%.1f", Double(peak) / 1024)) MiB, output \(String(format: "%.1f", mb)) MB "
                         + "at \(String(format: "%.0f", mb / median)) MB/s")
        }
        return lines
    }

    /// The phases of `check` per file, in this process, one core: reading
    /// and parsing the findings, evaluating them, writing the JSON.
    static func inProcess(work: String, paths: [String], rounds: Int) throws -> [String] {
        let (loaded, diags) = Workspace.load(root: work)
        guard let ws = loaded else { throw BenchError("the workload does not load: \(diags.first.map { $0.formatted(.en) } ?? "")") }
        let full = paths.map { work + "/" + $0 }
        let findings = full.map { p -> Findings? in
            var d = Diagnostics()
            return FindingsLoader.read(path: p, entities: nil, diagnostics: &d)
        }
        let evaluations = findings.map { f -> Evaluation? in
            var d = Diagnostics()
            return f.flatMap { ws.interpreter.evaluate($0, diagnostics: &d) }
        }
        let n = full.count
        let read = Benchmark(name: "check, per file: read and parse JSON findings", rounds: rounds, iterations: 1, target: nil).run {
            var c = 0
            for p in full {
                var d = Diagnostics()
                if FindingsLoader.read(path: p, entities: nil, diagnostics: &d) != nil { c += 1 }
            }
            return c
        }
        let evaluate = Benchmark(name: "check, per file: evaluate", rounds: rounds, iterations: 1, target: nil).run {
            var c = 0
            for f in findings {
                var d = Diagnostics()
                if let f, ws.interpreter.evaluate(f, diagnostics: &d) != nil { c += 1 }
            }
            return c
        }
        let document = Benchmark(name: "check, per file: build the §7 document", rounds: rounds, iterations: 1, target: nil).run {
            var c = 0
            for e in evaluations {
                guard let e else { continue }
                c += EvaluationDocument(e, rulebook: ws.rulebook, language: .zh).items.count
            }
            return c
        }
        let documents = evaluations.compactMap { $0.map { ($0.findingsPath, EvaluationDocument($0, rulebook: ws.rulebook, language: .zh)) } }
        var writer = JSONWriter(pretty: true, level: 1)
        var bytes = 0
        let write = Benchmark(name: "check, per file: write the document as JSON (pretty)", rounds: rounds, iterations: 1, target: nil).run {
            bytes = 0
            for (path, doc) in documents {
                writer.reset(level: 1)
                EvaluationOutput.write(doc, file: path, to: &writer)
                bytes += writer.byteCount
            }
            return bytes
        }
        func line(_ m: Measurement, _ extra: String = "") -> String {
            "\(m.name): median \(Measurement.format(m.medianNanos / Double(n))) per file\(extra)"
        }
        let rate = Double(bytes) / (write.medianNanos / 1e9) / 1e6
        let withDocument = Double(bytes) / ((write.medianNanos + document.medianNanos) / 1e9) / 1e6
        return [line(read), line(evaluate), line(document),
                line(write, String(format: " (%.0f MB/s; %.0f MB/s with building the document)", rate, withDocument))]
    }

    /// Writes a file with plain stdio (Foundation's writes sync each file to disk).
    static func writeFile(_ path: String, _ text: String) throws {
        guard let f = fopen(path, "wb") else { throw BenchError("cannot write \(path)") }
        defer { fclose(f) }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, f) }
        guard written == text.utf8.count else { throw BenchError("cannot write \(path)") }
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ s: String) { description = s }
    }

    static func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

    static func executablePath() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 { return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }

    /// Runs `exe args` in `cwd` with stdout to a file and stderr discarded;
    /// the wall time, the child's peak RSS (KiB) and its exit status.
    static func spawn(_ exe: String, _ args: [String], cwd: String, stdout: String) throws -> (Double, Int, Int32) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([exe] + args + ["--root", cwd]).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(cwd)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, exe, &actions, nil, argv, environ) == 0 else { throw BenchError("cannot start \(exe)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (wall, Int(usage.ru_maxrss), (status >> 8) & 0xFF)
    }
}

/// The generated checklist and findings of the check benchmark.
struct CheckWorkload {
    enum Kind { case gate, yesTrue, yesFalse, number, numberCredit, integer, choice, text }
    struct Item { var id: String; var kind: Kind; var n: Int; var relevant: String? }
    struct Rule { var id: String; var form: Int; var a: String; var b: String; var relevant: String? }

    let items: [Item]
    let rules: [Rule]

    init() {
        let cycle: [Kind] = Array(repeating: .yesTrue, count: 8) + Array(repeating: .yesFalse, count: 3) + [.number, .number, .number, .integer, .integer, .choice, .choice, .numberCredit, .text]
        var items: [Item] = []
        var n = 0
        for block in 0..<10 {
            let gate = "gate_\(String(format: "%02d", block + 1))"
            items.append(Item(id: gate, kind: .gate, n: 0, relevant: nil))
            for k in 0..<18 {
                n += 1
                var kind = cycle[(n * 7 + block) % cycle.count]
                if k < 4 && kind == .text { kind = .yesTrue }
                items.append(Item(id: "item_\(String(format: "%03d", n))", kind: kind, n: n, relevant: k < 4 ? gate : nil))
            }
        }
        func pick(_ kind: Kind, gated: Bool, _ k: Int) -> Item {
            let pool = items.filter { $0.kind == kind && ($0.relevant != nil) == gated }
            return pool[k % pool.count]
        }
        let forms: [(Kind, Kind)] = [(.number, .yesTrue), (.integer, .integer), (.choice, .choice), (.number, .number), (.yesFalse, .yesTrue)]
        var rules: [Rule] = []
        for r in 0..<10 {
            let (ak, bk) = forms[r % forms.count]
            let a = pick(ak, gated: false, r * 3)
            var b = pick(bk, gated: r >= 8 && bk != .choice && bk != .yesFalse, r * 5 + 1)
            if b.id == a.id { b = pick(bk, gated: false, r * 5 + 2) }
            rules.append(Rule(id: "rule_\(String(format: "%02d", r + 1))", form: r % forms.count, a: a.id, b: b.id, relevant: b.relevant))
        }
        self.items = items
        self.rules = rules
    }

    func checklistYAML() -> String {
        var s = """
        checklist: market_supervision.workload200
        version: "bench.1"
        department: market_supervision
        title: 餐饮服务食品安全综合检查（基准测试）
        applies_to: "entity.kind == 'food_business'"
        items:

        """
        let domains = Array(repeating: "food_safety", count: 16) + ["fire_safety", "fire_safety", "public_health", "registration"]
        let severities = ["general", "general", "minor", "serious"]
        for i in items {
            s += "  - id: \(i.id)\n    title: 第\(i.n)项检查内容\(i.id)\n"
            if let r = i.relevant { s += "    relevant: \"\(r)\"\n" }
            let violable = i.kind != .gate && i.kind != .text
            if violable {
                s += "    finding: 第\(i.n)项发现问题\n    basis: 《中华人民共和国食品安全法》第三十三条\n"
                s += "    severity: \(severities[i.n % 4])\n    domain: \(domains[i.n % domains.count])\n"
                if i.n % 3 == 0 { s += "    evidence: \(i.n % 2 == 1 ? "photo" : "document")\n" }
                if i.n == 17 || i.n == 101 { s += "    suspected_crime: true\n" }
                if i.n == 44 || i.n == 150 { s += "    credit_penalty: true\n" }
                if i.n % 11 == 0 { s += "    key_item: true\n" }
            }
            switch i.kind {
            case .gate: s += "    answer: yes_no\n"
            case .yesTrue: s += "    answer: yes_no\n    expect: true\n"
            case .yesFalse: s += "    answer: yes_no\n    expect: false\n"
            case .number: s += "    answer: number\n    unit: \"℃\"\n    range: [-30, 60]\n    violation: \"value > 8.0\"\n    message: \"冷藏温度 {value}℃，高于 8℃\"\n"
            case .numberCredit: s += "    answer: number\n    range: [0, 100]\n    violation: \"value > 5.0 && entity.credit_grade in ['C', 'D']\"\n"
            case .integer: s += "    answer: integer\n    range: [0, 500]\n    violation: \"value > 0\"\n    message: \"{value} 名从业人员无有效健康证明\"\n"
            case .choice: s += "    answer: choice\n    options: [符合, 基本符合, 不符合]\n    violation: \"value == '不符合'\"\n"
            case .text: s += "    answer: text\n    required: false\n"
            }
        }
        s += "rules:\n"
        let templates: [(String, String) -> String] = [
            { "\($0) > 6.0 && !\($1)" }, { "\($0) + \($1) >= 2" }, { "\($0) == '基本符合' && \($1) == '基本符合'" },
            { "\($0) + \($1) > 14.0" }, { "\($0) || !\($1)" },
        ]
        for r in rules {
            let expr = templates[r.form](r.a, r.b)
            s += "  - id: \(r.id)\n    title: 跨事项规则\(r.id)\n    violation: \"\(expr)\"\n    finding: 跨事项规则\(r.id)所述问题\n    severity: general\n    domain: food_safety\n"
        }
        return s
    }

    /// Findings file number `n` and whether it is one of those to be refused.
    func findingsJSON(_ n: Int) -> (String, Bool) {
        var rng = SplitMix(seed: UInt64(n))
        var answers: [String] = []
        var gates: [String: Bool] = [:]
        let refusal = n % 50 == 7 ? (n / 50) % 4 : -1
        var outOfRange = false
        for i in items {
            if let r = i.relevant, gates[r] != true { continue }
            let p = rng.unit()
            let v: String?
            switch i.kind {
            case .gate: gates[i.id] = p < 0.6; v = p < 0.6 ? "true" : "false"
            case .yesTrue: v = p >= 0.03 ? "true" : "false"
            case .yesFalse: v = p < 0.03 ? "true" : "false"
            case .number: v = p < 0.03 ? String(format: "%.1f", 8.2 + rng.unit() * 3.8) : String(format: "%.1f", rng.unit() * 7.9)
            case .numberCredit: v = String(format: "%.1f", rng.unit() * 9)
            case .integer: v = p < 0.03 ? "\(1 + Int(rng.unit() * 3))" : "0"
            case .choice: v = p < 0.02 ? "\"不符合\"" : (p < 0.3 ? "\"基本符合\"" : "\"符合\"")
            case .text: v = p < 0.5 ? nil : "\"现场已说明\""
            }
            if refusal == 1 && i.kind == .number && !outOfRange {
                outOfRange = true
                answers.append("    \"\(i.id)\": 75.5")                    // outside its range
            } else if let v {
                answers.append("    \"\(i.id)\": \(v)")
            }
        }
        if refusal == 0 { answers.append("    \"item_999\": true") }       // an item the checklist does not have
        let grades = ["A", "A", "B", "C"]
        var text = """
        {
          "task": "T-\(String(format: "%04d", n))",
          "entity": {"id": "9213082700000\(String(format: "%05d", n))", "name": "样本餐饮店\(n)", "kind": "food_business", "credit_grade": "\(grades[n % 4])"},
          "department": "market_supervision",
          "checklist": "market_supervision.workload200",
          "inspected_on": "2024-\(String(format: "%02d", n % 10 + 3))-\(String(format: "%02d", n % 27 + 1))",
          "inspectors": ["M-001", "M-002"],
          "signature": "signed",
          "cooperation": "cooperated",
          "answers": {
        \(answers.joined(separator: ",\n"))
          }
        }

        """
        if refusal == 2 { text = text.replacingOccurrences(of: "\"signature\": \"signed\",", with: "\"signature\": \"signed\",\n  \"inspecter\": \"M-003\",") }
        if refusal == 3 { text = String(text.dropLast(3)) + ",\n}\n" }   // a trailing comma
        return (text, refusal >= 0)
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
