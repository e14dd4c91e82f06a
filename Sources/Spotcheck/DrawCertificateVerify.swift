import Directories
import Draw
import Foundation
import Messages
import Rulebook

/// What `draw verify` found: nothing (the draw is reproduced exactly) or
/// each difference, in words.
public struct DrawVerification: Sendable {
    public var differences: [LocalizedText]
    public var ok: Bool { differences.isEmpty }
}

/// Re-runs a plan-driven draw from its certificate and the verifier's own
/// copies of the plan and the directories, and names every difference: the
/// seed against the key (or against the seed the verifier saw announced),
/// the plan file, each directory row that was added, removed or changed
/// (by key and line), and whatever the re-run draw then selects or matches
/// differently.
public enum DrawCertificateVerifier {
    public static func verify(_ file: DrawCertificateFile, plan: Plan, in workspace: Workspace,
                              entitiesPath: String, inspectorsPath: String,
                              announcedSeed: Seed? = nil) -> DrawVerification {
        let published = file.certificate
        var notes: [LocalizedText] = []

        // The seed.
        if let announcedSeed, announcedSeed != published.seed {
            notes.append(LocalizedText(
                zh: "随机种子：证书记载 \(published.seed)，公布的种子为 \(announcedSeed)",
                en: "seed: the certificate says \(published.seed), the announced seed is \(announcedSeed)"))
        }
        if let key = try? published.seed.key(), key != published.key {
            notes.append(LocalizedText(
                zh: "随机种子：证书的种子（\(published.seed)）得出的密钥为“\(key)”，证书记载的密钥为“\(published.key)”：种子或密钥被改动",
                en: "seed: the certificate's seed (\(published.seed)) gives the key \"\(key)\", "
                    + "but the certificate records \"\(published.key)\": the seed or the key was changed"))
        }

        // The plan file.
        let planHash = (try? Data(contentsOf: URL(fileURLWithPath: plan.path))).map(sha256Hex) ?? "(unreadable)"
        if let recorded = published.hashes["plan"], recorded != planHash {
            notes.append(LocalizedText(
                zh: "计划文件 \(plan.path) 与抽取时所用的不同：SHA-256 \(planHash)，证书记载 \(recorded)",
                en: "plan file \(plan.path) differs from the one the draw used: SHA-256 \(planHash), the certificate records \(recorded)"))
        }

        // The directories, row by row.
        let book = workspace.rulebook
        for (name, path, schema) in [("entities", entitiesPath, book.entitySchema), ("inspectors", inspectorsPath, book.inspectorSchema)] {
            guard let schema, let imported = try? DirectoryImporter(schema: schema).importFile(atPath: path) else { continue }
            let mine = DirectoryFingerprint(rows: imported.rows, schema: schema)
            let recorded = file.directories[name]
            let recordedHash = recorded?.sha256 ?? published.hashes[name]
            guard let recordedHash, recordedHash != mine.sha256 else { continue }
            notes += directoryNotes(name: name, path: path, rows: imported.rows, mine: mine,
                                    recorded: recorded, recordedHash: recordedHash)
        }

        // The draw itself.
        let request = PlanDrawRequest(entitiesPath: entitiesPath, inspectorsPath: inspectorsPath, seed: published.seed)
        do {
            let prepared = try PlanDraw.prepare(request, plan: plan, in: workspace)
            let recomputed = try PlanDraw.draw(prepared, seed: published.seed)
            if published.algorithm != DrawAlgorithm.spotcheckDrawV1.rawValue {
                notes.append(LocalizedText(
                    zh: "算法：证书记载“\(published.algorithm)”，本程序只能重算“\(DrawAlgorithm.spotcheckDrawV1.rawValue)”",
                    en: "algorithm: \"\(published.algorithm)\" is not one this program can re-run (expected \"\(DrawAlgorithm.spotcheckDrawV1.rawValue)\")"))
            }
            for note in compare(published, recomputed) {
                // Hashes and the key are reported above, in more detail.
                if note.hasPrefix("hash of ") || note.hasPrefix("key: ") || note.hasPrefix("algorithm: ") { continue }
                let worded = note.replacingOccurrences(of: "only in the first", with: "only in the certificate")
                    .replacingOccurrences(of: "only in the second", with: "only in the re-run")
                notes.append(LocalizedText(zh: "重算结果不同（证书 ≠ 重算）：" + worded, en: "re-run differs (certificate ≠ re-run): " + worded))
            }
        } catch {
            for d in error.diagnostics {
                notes.append(LocalizedText(zh: "无法按证书重算：\(d.formatted(.zh))", en: "the draw cannot be re-run: \(d.formatted(.en))"))
            }
        }
        return DrawVerification(differences: notes)
    }

    static func directoryNotes(name: String, path: String, rows: [DirectoryRow], mine: DirectoryFingerprint,
                               recorded: DirectoryFingerprint?, recordedHash: String) -> [LocalizedText] {
        let label = LocalizedText(zh: name == "entities" ? "检查对象名录库" : "执法检查人员名录库", en: "\(name) directory")
        var notes = [LocalizedText(
            zh: "\(label.zh) \(path) 与抽取时所用的不同：规范形式 SHA-256 \(mine.sha256)，证书记载 \(recordedHash)",
            en: "\(label.en) \(path) differs from the one the draw used: canonical SHA-256 \(mine.sha256), the certificate records \(recordedHash)")]
        guard let recorded else { return notes }
        if recorded.columns != mine.columns {
            notes.append(LocalizedText(
                zh: "\(label.zh)：列定义不同（\(recorded.columns.joined(separator: ",")) ≠ \(mine.columns.joined(separator: ","))）",
                en: "\(label.en): the declared columns differ (\(recorded.columns.joined(separator: ",")) ≠ \(mine.columns.joined(separator: ",")))"))
            return notes
        }
        let lineOf = Dictionary(rows.map { ($0.key, $0.line) }, uniquingKeysWith: { a, _ in a })
        let changes = recorded.rowChanges(to: mine)
        func at(_ key: String) -> String { lineOf[key].map { "\(path):\($0)" } ?? path }
        for key in changes.changed.prefix(20) {
            notes.append(LocalizedText(zh: "\(label.zh)：行“\(key)”（\(at(key))）的内容已改动",
                                       en: "\(label.en): row '\(key)' (\(at(key))) was changed"))
        }
        for key in changes.removed.prefix(20) {
            notes.append(LocalizedText(zh: "\(label.zh)：抽取时的行“\(key)”在 \(path) 中不存在",
                                       en: "\(label.en): row '\(key)', present at the draw, is missing from \(path)"))
        }
        for key in changes.added.prefix(20) {
            notes.append(LocalizedText(zh: "\(label.zh)：行“\(key)”（\(at(key))）为抽取后新增",
                                       en: "\(label.en): row '\(key)' (\(at(key))) was not there at the draw"))
        }
        let shown = min(changes.changed.count, 20) + min(changes.removed.count, 20) + min(changes.added.count, 20)
        let total = changes.changed.count + changes.removed.count + changes.added.count
        if total > shown {
            notes.append(LocalizedText(zh: "\(label.zh)：另有 \(total - shown) 行不同", en: "\(label.en): \(total - shown) more rows differ"))
        }
        if changes.isEmpty {
            notes.append(LocalizedText(zh: "\(label.zh)：各行摘要相同，但整体哈希不同（证书中的行摘要可能被改动）",
                                       en: "\(label.en): every row digest matches but the whole hash does not (the certificate's row digests may have been altered)"))
        }
        return notes
    }
}
