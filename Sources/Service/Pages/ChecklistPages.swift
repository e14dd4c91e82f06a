import Foundation
import Hummingbird
import Messages
import Rulebook
import Spotcheck
import Store

/// The department administrator's checklists: the list with their
/// published revisions, and the editor (a textarea with line numbers;
/// editor.js sends the text to `POST /api/v1/validate` as one types and
/// shows each diagnostic at its line). Publishing validates again on the
/// server, stores the version with its diff and puts it in force without
/// a restart.
struct ChecklistPages {
    let state: ServiceState

    func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/department/checklists", use: list)
        router.get("/department/checklists/{id}", use: editor)
        router.post("/department/checklists/{id}", use: publish)
    }

    struct ListModel {
        struct Row {
            var id: String
            var title: String
            var version: String
            var revisions: [Revision]
            var hasRevisions: Bool
        }
        var shell: PageShell
        var rows: [Row]
    }

    struct Revision {
        var revision: Int
        var version: String
        var recordedAt: String
        var recordedBy: String
        var diff: String
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let l = context.language
        let rows = try own(caller).map { c in
            let revisions = try revisions(c.id)
            return ListModel.Row(id: c.id, title: l == .zh ? c.title : (c.titleEN ?? c.title), version: c.version,
                                 revisions: revisions, hasRevisions: !revisions.isEmpty)
        }
        return state.pages.page("checklists", ListModel(
            shell: PageShell(title: UIText.table(l)["checklists"]!, path: "/department/checklists", language: l, caller: caller), rows: rows))
    }

    struct EditorModel {
        struct Line {
            var line: Int
            var column: Int
            var severity: String
            var message: String
            var file: String
        }
        var shell: PageShell
        var id: String
        var title: String
        var version: String
        var text: String
        var diagnostics: [Line]
        var hasDiagnostics: Bool
        var published: Bool
        var publishedRevision: Int
        var diff: String
        var revisions: [Revision]
    }

    @Sendable func editor(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let c = try checklist(caller, context)
        let text = try state.publishedTexts()[state.workspace.relativePath(c.path)] ?? (try? String(contentsOfFile: c.path, encoding: .utf8)) ?? ""
        return try editorPage(caller, context, c, text: text, diagnostics: [], published: nil)
    }

    struct PublishForm: Decodable {
        var text: String
    }

    @Sendable func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .departmentAdmin)
        let c = try checklist(caller, context)
        let form = try await request.decode(as: PublishForm.self, context: context)
        let text = form.text.replacingOccurrences(of: "\r\n", with: "\n")
        let office = try state.office(caller.account.jurisdiction)
        do {
            let record = try office.publishChecklist(text, checklist: c.id, department: caller.account.department ?? "", by: caller.actor)
            try lifecycle { () throws(LifecycleError) in try state.reloadRules() }
            let reloaded = try checklist(caller, context)
            return try editorPage(caller, context, reloaded, text: text, diagnostics: [], published: record)
        } catch let error as LifecycleError {
            let status: HTTPResponse.Status = error.storeKind == .conflict ? .conflict : error.storeKind == .notAllowed ? .forbidden : .unprocessableContent
            return try editorPage(caller, context, c, text: text, diagnostics: error.diagnostics, published: nil, status: status)
        }
    }

    private func editorPage(_ caller: Caller, _ context: ServiceRequestContext, _ c: Checklist, text: String, diagnostics: [Diagnostic],
                            published: ChecklistVersionRecord?, status: HTTPResponse.Status = .ok) throws -> Response {
        let l = context.language
        let t = UIText.table(l)
        let root = state.workspace.root
        let model = EditorModel(
            shell: PageShell(title: t["editChecklist"]!, path: "/department/checklists/\(c.id)", language: l, caller: caller, scripts: ["/static/editor.js"]),
            id: c.id, title: l == .zh ? c.title : (c.titleEN ?? c.title), version: c.version, text: text,
            diagnostics: diagnostics.map { d in
                EditorModel.Line(line: d.line, column: d.column, severity: d.severity == .error ? "error" : "warning", message: d.message.text(l),
                                 file: d.path.hasPrefix(root + "/") ? String(d.path.dropFirst(root.count + 1)) : d.path)
            },
            hasDiagnostics: !diagnostics.isEmpty, published: published != nil, publishedRevision: published?.revision ?? 0,
            diff: published?.diff ?? "", revisions: try revisions(c.id))
        return state.pages.page("editor", model, status: status)
    }

    private func own(_ caller: Caller) throws(ServiceError) -> [Checklist] {
        state.workspace.rulebook.checklists.filter { $0.department == caller.account.department }.sorted { $0.id < $1.id }
    }

    private func checklist(_ caller: Caller, _ context: ServiceRequestContext) throws -> Checklist {
        let id = try context.parameters.require("id")
        guard let c = state.workspace.rulebook.checklist(id) else { throw ServiceError.notFound(zh: "没有清单“\(id)”", en: "no checklist '\(id)'") }
        guard c.department == caller.account.department else {
            throw ServiceError.forbidden(zh: "清单“\(id)”不属于本部门", en: "checklist '\(id)' is not your department's")
        }
        return c
    }

    private func revisions(_ id: String) throws(ServiceError) -> [Revision] {
        try stored { () throws(StoreError) in try state.store.checklistVersions(id) }.reversed().map {
            Revision(revision: $0.revision, version: $0.version, recordedAt: $0.recordedAt, recordedBy: $0.recordedBy, diff: $0.diff)
        }
    }
}
