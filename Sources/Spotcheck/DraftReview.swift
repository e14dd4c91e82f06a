import Compliance
import Foundation
import Messages
import Rulebook
import Store

/// A draft rule file (a checklist or a plan, as YAML text) checked in the
/// context of the whole rulebook, as `spotcheck validate` and `spotcheck
/// test` would: the load's diagnostics (the draft's own, and any it causes
/// in other files), then the draft checklist's examples.
public enum DraftReview {
    public struct Outcome: Sendable {
        /// Where the draft stands in the rulebook (relative to the root).
        public var relativePath: String
        public var diagnostics: [Diagnostic]
        public var examples: [ExampleRunner.Outcome]
        /// The checklist the draft declares, as loaded (nil when it does not load).
        public var checklist: Checklist?
        public var valid: Bool { !diagnostics.contains { $0.severity == .error } && examples.allSatisfy(\.passed) }
    }

    /// Validates `text` as the file at `relativePath`, or, when none is
    /// given, as the file of the checklist or plan it declares.
    public static func validate(_ text: String, at relativePath: String? = nil, workspace: Workspace,
                         replacing published: [String: String] = [:]) -> Outcome {
        let relative = relativePath ?? path(of: text, in: workspace)
        var texts = published
        texts[relative] = text
        let (loaded, diagnostics) = Workspace.load(root: workspace.root, replacing: texts)
        let draftPath = workspace.root + "/" + relative
        var own = diagnostics.map { d -> Diagnostic in
            var d = d
            if d.path.hasPrefix(workspace.root + "/") { d.path = String(d.path.dropFirst(workspace.root.count + 1)) }
            return d
        }
        // The draft's own first, by position; then those it causes elsewhere.
        own.sort { ($0.path == relative ? 0 : 1, $0.line, $0.column) < ($1.path == relative ? 0 : 1, $1.line, $1.column) }
        guard let loaded else { return Outcome(relativePath: relative, diagnostics: own, examples: [], checklist: nil) }
        let drafted = Set(loaded.rulebook.checklists.filter { $0.path == draftPath }.map(\.id))
        return Outcome(relativePath: relative, diagnostics: own,
                       examples: loaded.runExamples().filter { drafted.contains($0.checklist) },
                       checklist: loaded.rulebook.checklists.first { $0.path == draftPath })
    }

    /// The file a draft replaces: that of the checklist or plan whose id it
    /// declares on its top level, else a new file named after the id.
    public static func path(of text: String, in workspace: Workspace) -> String {
        let book = workspace.rulebook
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(200) {
            for key in ["checklist", "plan"] where line.hasPrefix(key + ":") {
                let id = line.dropFirst(key.count + 1).split(separator: "#")[0].trimmingCharacters(in: CharacterSet(charactersIn: " \"'\t"))
                let existing = key == "checklist" ? book.checklist(id)?.path : book.plan(id)?.path
                if let existing, existing.hasPrefix(workspace.root + "/") { return String(existing.dropFirst(workspace.root.count + 1)) }
                if SafeName.isValid(id) { return key == "checklist" ? "Checklists/\(id).yaml" : "Rules/plans/\(id).yaml" }
            }
        }
        return "Checklists/draft.yaml"
    }
}
