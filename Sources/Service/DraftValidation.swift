import Compliance
import Foundation
import Messages
import Rulebook
import Spotcheck

/// A draft rule file (a checklist or a plan, as YAML text) checked in the
/// context of the whole rulebook, as `spotcheck validate DRAFT` and
/// `spotcheck test` would: load diagnostics, then the draft checklist's
/// examples. Only the draft's own diagnostics are returned, placed in it.
enum DraftValidation {
    /// The name diagnostics give the draft.
    static let draftName = "draft.yaml"

    static func validate(_ text: String, root: String) -> [Diagnostic] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-draft-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            return [Diagnostic(Place(path: draftName, line: 1, column: 1), zh: "无法暂存草稿", en: "cannot stage the draft")]
        }
        let path = folder + "/" + draftName
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            return [Diagnostic(Place(path: draftName, line: 1, column: 1), zh: "无法暂存草稿", en: "cannot stage the draft")]
        }
        let (workspace, diagnostics) = Workspace.load(root: root, extra: [path])
        var out = diagnostics.filter { $0.path == path }.map { d -> Diagnostic in
            var d = d
            d.path = draftName
            return d
        }
        guard out.allSatisfy({ $0.severity != .error }), let workspace else { return out }
        let draftChecklists = Set(workspace.rulebook.checklists.filter { $0.path == path }.map(\.id))
        for outcome in workspace.runExamples() where draftChecklists.contains(outcome.checklist) && !outcome.passed {
            for problem in outcome.problems {
                out.append(Diagnostic(path: draftName, line: outcome.place.line, column: outcome.place.column,
                                      LocalizedText(zh: "示例“\(outcome.example)”未通过：\(problem.zh)", en: "example '\(outcome.example)' fails: \(problem.en)")))
            }
        }
        return out
    }
}
