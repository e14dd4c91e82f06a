import Directories
import Draw
import Foundation
import Messages
import Rulebook

/// What `draw verify` found: nothing (the draw is reproduced exactly, every
/// field of the certificate equal to its recomputation) or each difference.
public struct DrawVerification: Sendable {
    public enum Difference: Sendable, Equatable {
        /// The certificate's seed is not the one the verifier saw announced.
        case seedNotAnnounced(certificate: String, announced: String)
        /// The certificate's key is not the key its seed gives.
        case keyNotFromSeed(seed: String, derived: String, recorded: String)
        /// A directory's fingerprint in the certificate and the verifier's copy differ in their columns.
        case directoryColumns(directory: String, recorded: [String], recomputed: [String])
        case directoryRowCount(directory: String, recorded: Int, recomputed: Int)
        case directoryHash(directory: String, recorded: String, recomputed: String)
        case rowChanged(directory: String, key: String, place: String)
        case rowRemoved(directory: String, key: String)
        case rowAdded(directory: String, key: String, place: String)
        case moreRows(directory: String, count: Int)
        /// The directory hashes as at the draw, yet the certificate's row digests differ: they were altered.
        case rowDigestsAltered(directory: String)
        /// A field of the certificate differs from the re-run's.
        case certificate(CertificateDifference)
        /// The draw could not be re-run at all.
        case cannotRerun(Diagnostic)
    }

    public var differences: [Difference]
    public var ok: Bool { differences.isEmpty }

    public func texts(_ language: Language) -> [String] { differences.map { Self.text($0, language) } }

    static func text(_ d: Difference, _ l: Language) -> String {
        let zh = l == .zh
        func label(_ directory: String) -> String {
            zh ? (directory == "entities" ? "检查对象名录库" : "执法检查人员名录库") : "\(directory) directory"
        }
        switch d {
        case .seedNotAnnounced(let c, let a):
            return zh ? "随机种子：证书记载 \(c)，公布的种子为 \(a)" : "seed: the certificate says \(c), the announced seed is \(a)"
        case .keyNotFromSeed(let seed, let derived, let recorded):
            return zh ? "随机种子：证书的种子（\(seed)）得出的密钥为“\(derived)”，证书记载的密钥为“\(recorded)”：种子或密钥被改动"
                      : "seed: the certificate's seed (\(seed)) gives the key \"\(derived)\", but the certificate records \"\(recorded)\": the seed or the key was changed"
        case .directoryColumns(let dir, let r, let m):
            return zh ? "\(label(dir))：列定义不同（证书 \(r.joined(separator: ",")) ≠ 现有 \(m.joined(separator: ","))）"
                      : "\(label(dir)): the declared columns differ (certificate \(r.joined(separator: ",")) ≠ now \(m.joined(separator: ",")))"
        case .directoryRowCount(let dir, let r, let m):
            return zh ? "\(label(dir))：行数不同（证书 \(r) ≠ 现有 \(m)）" : "\(label(dir)): the row count differs (certificate \(r) ≠ now \(m))"
        case .directoryHash(let dir, let r, let m):
            return zh ? "\(label(dir))：规范形式 SHA-256 不同（证书 \(r) ≠ 现有 \(m)）" : "\(label(dir)): the canonical SHA-256 differs (certificate \(r) ≠ now \(m))"
        case .rowChanged(let dir, let key, let place):
            return zh ? "\(label(dir))：行“\(key)”（\(place)）的内容已改动" : "\(label(dir)): row '\(key)' (\(place)) was changed"
        case .rowRemoved(let dir, let key):
            return zh ? "\(label(dir))：抽取时的行“\(key)”已不存在" : "\(label(dir)): row '\(key)', present at the draw, is missing"
        case .rowAdded(let dir, let key, let place):
            return zh ? "\(label(dir))：行“\(key)”（\(place)）为抽取后新增" : "\(label(dir)): row '\(key)' (\(place)) was not there at the draw"
        case .moreRows(let dir, let n):
            return zh ? "\(label(dir))：另有 \(n) 行不同" : "\(label(dir)): \(n) more rows differ"
        case .rowDigestsAltered(let dir):
            return zh ? "\(label(dir))：整体哈希与抽取时相同，但证书中的行摘要不同：行摘要被改动"
                      : "\(label(dir)): the whole hash is as at the draw but the certificate's row digests differ: they were altered"
        case .certificate(let c):
            return zh ? "证书字段 \(c.path)：证书记载 \(c.published)，按证书重算为 \(c.recomputed)"
                      : "certificate field \(c.path): the certificate says \(c.published), re-running gives \(c.recomputed)"
        case .cannotRerun(let diagnostic):
            return zh ? "无法按证书重算：\(diagnostic.formatted(.zh))" : "the draw cannot be re-run: \(diagnostic.formatted(.en))"
        }
    }
}

/// Re-runs a plan-driven draw from its certificate and the verifier's own
/// copies of the plan and the directories — through the same preparation
/// and the same `DrawProcedure` as the draw itself — and names every
/// difference: the seed and its key, each directory row that was added,
/// removed or changed, and every field of the certificate that the re-run
/// does not reproduce. It reads only the files the verifier gives it.
public enum DrawCertificateVerifier {
    public static func verify(_ file: DrawCertificateFile, plan: Plan, in workspace: Workspace,
                              entitiesPath: String, inspectorsPath: String,
                              announcedSeed: Seed? = nil) -> DrawVerification {
        let published = file.certificate
        var out: [DrawVerification.Difference] = []
        if let announcedSeed, announcedSeed != published.seed {
            out.append(.seedNotAnnounced(certificate: "\(published.seed)", announced: "\(announcedSeed)"))
        }
        if let key = try? published.seed.key(), key != published.key {
            out.append(.keyNotFromSeed(seed: "\(published.seed)", derived: key, recorded: published.key))
        }
        // Each directory is read once: the re-run and the row-by-row
        // comparison both work from what was read.
        let book = workspace.rulebook
        var loaded: [(name: String, path: String, schema: DirectorySchema, directory: MemoryDirectory)] = []
        for (name, path, schema) in [("entities", entitiesPath, book.entitySchema), ("inspectors", inspectorsPath, book.inspectorSchema)] {
            guard let schema else { continue }
            loaded.append((name, path, schema, MemoryDirectory.load(path, schema: schema)))
        }
        var request = PlanDrawRequest(entitiesPath: entitiesPath, inspectorsPath: inspectorsPath, seed: published.seed)
        if loaded.count == 2 { request.sources = (loaded[0].directory, loaded[1].directory) }
        let prepared: PlanDraw.Prepared?
        var rerun: [DrawVerification.Difference] = []
        do { prepared = try PlanDraw.prepare(request, plan: plan, in: workspace) } catch {
            prepared = nil
            rerun = error.diagnostics.map { .cannotRerun($0) }
        }
        for (name, path, schema, directory) in loaded where directory.readable {
            guard let recorded = file.directories[name] else { continue }
            let mine = prepared?.fingerprints[name] ?? PlanDraw.fingerprint(of: directory, schema: schema)
            out += directoryDifferences(name: name, path: path, line: directory.line(of:), mine: mine, recorded: recorded)
        }
        if let prepared {
            do {
                let recomputed = try PlanDraw.draw(prepared, seed: published.seed)
                out += compare(published, recomputed).map { .certificate($0) }
                let recomputedFile = prepared.outcome(recomputed).file
                for name in Set(file.directories.keys).union(recomputedFile.directories.keys).sorted()
                where file.directories[name] == nil || recomputedFile.directories[name] == nil {
                    out.append(.certificate(CertificateDifference(.hash("directories." + name),
                                                                  published: file.directories[name] == nil ? "(none)" : "present",
                                                                  recomputed: recomputedFile.directories[name] == nil ? "(none)" : "present")))
                }
            } catch {
                out += error.diagnostics.map { .cannotRerun($0) }
            }
        }
        out += rerun
        return DrawVerification(differences: out)
    }

    /// A directory's fingerprint in the certificate against the verifier's copy, field by field and row by row.
    static func directoryDifferences(name: String, path: String, line: (String) -> Int?, mine: DirectoryFingerprint,
                                     recorded: DirectoryFingerprint) -> [DrawVerification.Difference] {
        guard recorded != mine else { return [] }
        var out: [DrawVerification.Difference] = []
        if recorded.columns != mine.columns {
            return [.directoryColumns(directory: name, recorded: recorded.columns, recomputed: mine.columns)]
        }
        if recorded.rows != mine.rows { out.append(.directoryRowCount(directory: name, recorded: recorded.rows, recomputed: mine.rows)) }
        if recorded.sha256 != mine.sha256 { out.append(.directoryHash(directory: name, recorded: recorded.sha256, recomputed: mine.sha256)) }
        // The data hash as the draw saw it, but other row digests: the certificate's digests were altered.
        if recorded.sha256 == mine.sha256, recorded.table != mine.table {
            return out + [.rowDigestsAltered(directory: name)]
        }
        func at(_ key: String) -> String { line(key).map { "\(path):\($0)" } ?? path }
        let changes = recorded.rowChanges(to: mine)
        out += changes.changed.prefix(20).map { .rowChanged(directory: name, key: $0, place: at($0)) }
        out += changes.removed.prefix(20).map { .rowRemoved(directory: name, key: $0) }
        out += changes.added.prefix(20).map { .rowAdded(directory: name, key: $0, place: at($0)) }
        let shown = min(changes.changed.count, 20) + min(changes.removed.count, 20) + min(changes.added.count, 20)
        let total = changes.changed.count + changes.removed.count + changes.added.count
        if total > shown { out.append(.moreRows(directory: name, count: total - shown)) }
        return out
    }
}
