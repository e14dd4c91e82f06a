import ArgumentParser
import Disclosure
import Foundation
import Messages
import Rulebook
import Spotcheck
import Store

/// `spotcheck status`: deadlines due and overdue, with who must act.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "List deadlines that are due or overdue on a day, and who must meet them.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The day to look from (default: today).") var on: String?
    @Flag(help: "Also list deadlines met.") var all = false
    @Flag(help: "Print JSON (one object per jurisdiction, in an array).") var json = false

    func run() throws {
        let ws = try options.workspace()
        let store = try storeOptions.open(options)
        let day = try parseDay(on, options.lang)
        let l = options.lang
        var documents: [StatusDocument] = []
        var names: [String] = []
        for j in try storeOptions.jurisdictionIDs(ws, store: store) {
            let office = try storeOptions.office(ws, store, j, options)
            documents.append(try lifecycle(l) { () throws(LifecycleError) in try StatusDocument(office, on: day, all: all, language: l) })
            names.append(office.jurisdiction.name.text(l))
        }
        if json { return try printJSON(documents) }
        for (doc, name) in zip(documents, names) {
            print(l == .zh ? "【\(name)】" : "[\(name)]")
            for d in doc.deadlines { print("\(d.due) \(d.state_label) \(d.kind_label) \(d.subject) \(d.responsible_name) \(d.detail)") }
            print(l == .zh ? "\(day)：\(doc.deadlines.count) 项，其中逾期 \(doc.overdue) 项" : "\(day): \(doc.deadlines.count) deadlines, \(doc.overdue) overdue")
        }
    }
}

/// Prints a value as pretty JSON with sorted keys.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// `spotcheck report`: statistics against the targets.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Statistics per plan or year against Rules/targets.yaml.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this year.") var year: Int?
    @Option(help: "Only this plan.") var plan: String?
    @Option(help: "The day referrals are counted due by (default: today).") var on: String?
    @Option(help: "Also write the report as an HTML page here (one jurisdiction).") var html: String?
    @Option(help: "Only this department's part (its inspections, its referrals).") var department: String?
    @Flag(help: "Print JSON (one object per jurisdiction, in an array).") var json = false

    func run() throws {
        let ws = try options.workspace()
        let store = try storeOptions.open(options)
        let day = try parseDay(on, options.lang)
        let l = options.lang
        let jurisdictions = try plan.map { p in [ws.rulebook.plan(p)?.jurisdiction ?? storeOptions.jurisdiction ?? ""] } ?? storeOptions.jurisdictionIDs(ws, store: store)
        var documents: [ReportDocument] = []
        for j in jurisdictions {
            let office = try storeOptions.office(ws, store, j, options)
            let stats = try lifecycle(l) { () throws(LifecycleError) in try office.statistics(year: year, plan: plan, department: department, on: day) }
            let head = try store.auditHead(jurisdiction: j)
            if json {
                documents.append(ReportDocument(stats, office: office, year: year, plan: plan, department: department, on: day, head: head, language: l))
                continue
            }
            let name = office.jurisdiction.name.text(l)
            let title = (l == .zh ? "\(name)“双随机、一公开”抽查统计" : "\(name): random inspection statistics") + (year.map { " \($0)" } ?? "") + (plan.map { " \($0)" } ?? "")
            print(ReportOutput.text(stats, title: title, office: office, head: head, language: l) + "\n")
            if let html { try ReportOutput.html(stats, title: title, office: office, head: head, language: l).write(toFile: html, atomically: true, encoding: .utf8) }
        }
        if json { try printJSON(documents) }
    }
}

/// `spotcheck disclose`: publish results with personal data removed.
struct DiscloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disclose", abstract: "Publish the results whose entry is complete (JSON, CSV, HTML), personal data removed.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this plan.") var plan: String?
    @Option(help: "Publication day (default: today).") var on: String?
    @Option(help: "Folder for disclosure.json, disclosure.csv and index.html (one subfolder per jurisdiction when several).") var out: String

    func run() throws {
        let ws = try options.workspace()
        let store = try storeOptions.open(options)
        let day = try parseDay(on, options.lang)
        let zh = options.lang == .zh
        let jurisdictions = try plan.map { p in [ws.rulebook.plan(p)?.jurisdiction ?? storeOptions.jurisdiction ?? ""] } ?? storeOptions.jurisdictionIDs(ws, store: store)
        for j in jurisdictions {
            let office = try storeOptions.office(ws, store, j, options)
            let run = try lifecycle(options.lang) { () throws(LifecycleError) in
                try office.publish(plan: plan, on: day, by: storeOptions.actor("disclose"))
            }
            let records = try lifecycle(options.lang) { () throws(LifecycleError) in try office.currentDisclosures(plan: plan) }
            let folder = jurisdictions.count > 1 ? out + "/" + j : out
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try DisclosureRenderer.json(records).write(toFile: folder + "/disclosure.json", atomically: true, encoding: .utf8)
            try DisclosureRenderer.csv(records).write(toFile: folder + "/disclosure.csv", atomically: true, encoding: .utf8)
            try DisclosureRenderer.html(title: "\(office.jurisdiction.name.zh)“双随机、一公开”抽查结果公示", records: records, generatedOn: day.description)
                .write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
            print(zh ? "\(office.id)：本次公示 \(run.records.count) 条（累计 \(records.count) 条），隐去个人信息 \(run.redacted.total) 处，待录入 \(run.pending.count) 项；审计链头 \(run.auditHead.seq) \(run.auditHead.hash)"
                     : "\(office.id): \(run.records.count) records published now (\(records.count) in all), \(run.redacted.total) personal data redacted, \(run.pending.count) awaiting results; audit head \(run.auditHead.seq) \(run.auditHead.hash)")
        }
    }
}

/// `spotcheck audit verify`: check the store's audit chains and data, read-only.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The store's audit log.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute the audit chains and check every row against them (read-only); exit 1 on any problem.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The store: a SQLite file or a postgresql:// URL.") var store: String
        @Option(parsing: .upToNextOption, help: "Published disclosure.json files whose audit heads must be in the chains.") var published: [String] = []

        func run() throws {
            let l = options.lang
            let s: Store
            do { s = try Store.open(store, mode: .readOnly) } catch {
                Output.fail(.store(store), error.message, l, code: 1)
            }
            let report: AuditReport
            do { report = try s.verifyAudit() } catch {
                Output.fail(.store(store), error.message, l, code: 1)
            }
            var problems = report.problems.map { $0.text(l) }
            for path in published {
                problems += try PublishedHeads.check(path, against: s, l)
            }
            for chain in report.chains {
                print(l == .zh ? "辖区 \(chain.jurisdiction)：\(chain.seq) 条，链头 \(chain.hash)" : "jurisdiction \(chain.jurisdiction): \(chain.seq) entries, head \(chain.hash)")
            }
            if problems.isEmpty {
                print(l == .zh ? "审计日志完整：哈希链与数据校验通过" : "audit log intact: hash chains and data verified")
                return
            }
            print(l == .zh ? "审计发现 \(problems.count) 处问题：" : "audit found \(problems.count) problem(s):")
            for p in problems { print("  " + p) }
            throw ExitCode(1)
        }
    }
}

/// Published audit heads (in disclosure.json) against the store's chains:
/// a chain rewritten after publication no longer holds them.
enum PublishedHeads {
    static func check(_ path: String, against store: Store, _ l: Language) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path),
              let records = try? JSONDecoder().decode([PublicationRecord].self, from: data) else {
            return [l == .zh ? "\(path)：不是公示记录文件" : "\(path): not a disclosure file"]
        }
        var out: [String] = []
        var chains: [String: [Int: String]] = [:]
        for jurisdiction in try store.jurisdictions() {
            chains[jurisdiction] = Dictionary(try store.auditEntries(jurisdiction: jurisdiction).map { ($0.seq, $0.hash) }, uniquingKeysWith: { a, _ in a })
        }
        for r in records {
            guard let seq = r.auditSeq, let hash = r.auditHash, seq > 0 else { continue }
            let found = chains.values.contains { $0[seq] == hash }
            if !found {
                out.append(l == .zh ? "\(path)：\(r.creditCode) 公示时的审计链头 #\(seq) \(hash) 不在数据库的审计链中：审计链已被改写"
                                    : "\(path): the audit head #\(seq) \(hash) published with \(r.creditCode) is not in the store's chains: the chain was rewritten")
            }
        }
        return out
    }
}
