import Compliance
import Draw
import Foundation
import Messages
import Rulebook
import Store

/// Checklists published through the store (the departments' editor): the
/// latest version of each is in force for every evaluation that follows,
/// through the command line and the service alike. The rule files on disk
/// are the first version; each evaluation records the version it used
/// (`checklist_version`, `checklist_sha256`), so a result can always be
/// traced to the exact text that produced it.
public enum PublishedChecklists {
    /// The latest published text of every checklist, by its path relative
    /// to the rule files' root (what `Workspace.load(root:replacing:)` takes).
    public static func texts(in store: Store) throws(LifecycleError) -> [String: String] {
        let records: [ChecklistVersionRecord]
        do { records = try store.latestChecklistVersions() } catch {
            throw LifecycleError(error, at: Place(path: "checklist_versions", line: 1, column: 1))
        }
        var texts: [String: String] = [:]
        for r in records { texts[r.path] = r.text }
        return texts
    }
}

extension Workspace {
    /// The rule files under `root` with the checklist versions published in
    /// `store` in force.
    public static func load(root: String, store: Store) -> (Workspace?, [Diagnostic]) {
        do {
            let texts = try PublishedChecklists.texts(in: store)
            return texts.isEmpty ? load(root: root) : load(root: root, replacing: texts)
        } catch {
            return (nil, error.diagnostics)
        }
    }

    /// This workspace with the versions published in `store` in force
    /// (itself when nothing was published).
    public func applyingPublished(from store: Store) throws(LifecycleError) -> Workspace {
        let texts = try PublishedChecklists.texts(in: store)
        if texts.isEmpty { return self }
        let (loaded, diagnostics) = Workspace.load(root: root, replacing: texts)
        guard let loaded else { throw LifecycleError(diagnostics.filter { $0.severity == .error }) }
        return loaded
    }

    /// The path of a rule file relative to the root.
    public func relativePath(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

extension CountyOffice {
    /// Publishes a new version of one of `department`'s checklists: the
    /// draft must declare that checklist, load without errors in the whole
    /// rulebook (with the other published versions in force) and pass its
    /// examples. Stores the text, who, when and the diff to the version it
    /// replaces. The caller reloads its rule set to put it in force.
    @discardableResult
    public func publishChecklist(_ text: String, checklist id: String, department: String, by actor: String) throws(LifecycleError) -> ChecklistVersionRecord {
        guard let current = rulebook.checklist(id) else {
            throw LifecycleError(StoreError(.unknown, zh: "没有检查事项清单“\(id)”", en: "no checklist '\(id)'"),
                                 at: Place(path: workspace.root + "/Checklists", line: 1, column: 1))
        }
        let place = Place(path: current.path, line: 1, column: 1)
        guard current.department == department else {
            throw LifecycleError(StoreError(.notAllowed, zh: "清单“\(id)”属于“\(current.department)”，不能由“\(department)”发布",
                                            en: "checklist '\(id)' belongs to '\(current.department)' and cannot be published by '\(department)'"), at: place)
        }
        let relative = workspace.relativePath(current.path)
        let published = try PublishedChecklists.texts(in: store)
        let review = DraftReview.validate(text, at: relative, workspace: workspace, replacing: published)
        guard let drafted = review.checklist, drafted.id == id else {
            let errors = review.diagnostics.filter { $0.severity == .error }
            throw LifecycleError(errors.isEmpty ? [Diagnostic(place, zh: "草稿声明的不是清单“\(id)”", en: "the draft does not declare checklist '\(id)'")] : errors)
        }
        guard drafted.department == department else {
            throw LifecycleError(Diagnostic(Place(path: relative, line: 1, column: 1), zh: "草稿把清单改为属于“\(drafted.department)”，本部门不能这样发布",
                                            en: "the draft gives the checklist to '\(drafted.department)'; your department cannot publish that").asArray)
        }
        guard review.valid else {
            var problems = review.diagnostics.filter { $0.severity == .error }
            for example in review.examples where !example.passed {
                for p in example.problems {
                    problems.append(Diagnostic(example.place, zh: "示例“\(example.example)”未通过：\(p.zh)", en: "example '\(example.example)' fails: \(p.en)"))
                }
            }
            throw LifecycleError(problems)
        }
        let previous = published[relative] ?? (try? String(contentsOfFile: current.path, encoding: .utf8)) ?? ""
        guard previous != text else {
            throw LifecycleError(StoreError(.conflict, zh: "草稿与现行版本相同，没有可发布的修改", en: "the draft is the version in force: nothing to publish"), at: place)
        }
        let record = ChecklistVersionRecord(checklistID: id, jurisdiction: self.id, department: department, version: drafted.version,
                                            path: relative, text: text, previousSHA256: sha256Hex(Data(previous.utf8)),
                                            diff: LineDiff.unified(from: previous, to: text, name: relative))
        do { return try store.publishChecklistVersion(record, by: actor) } catch {
            throw LifecycleError(error, at: place)
        }
    }
}

private extension Diagnostic {
    var asArray: [Diagnostic] { [self] }
}
