import Compliance
import Foundation
import Messages
import Spotcheck
import Store

/// Receiving findings from a signed-in inspector, for the API and the
/// form alike: read strictly (422), checked against the caller's team and
/// department (403), evaluated by the office (422), written through the
/// group-commit queue, and answered once durable.
struct Submitting {
    let state: ServiceState
    /// The name diagnostics give the submitted document: JSON (SPEC §12),
    /// or YAML when the client says so, as the command line takes it.
    static func documentName(contentType: String?) -> String {
        (contentType ?? "").contains("yaml") ? "findings.yaml" : "findings.json"
    }

    struct Receipt {
        var outcome: SubmissionOutcome
    }

    func submit(_ bytes: [UInt8], named name: String, by caller: Caller) async throws -> Receipt {
        let office = try state.office(caller.account.jurisdiction)
        let read = try lifecycle { () throws(LifecycleError) in try office.readFindings(bytes, path: name) }
        try checkTeam(read, caller: caller, office: office)
        try checkEvidence(read.findings, caller: caller)
        let prepared = try lifecycle { () throws(LifecycleError) in try office.prepareSubmission(read, bytes: bytes, receivedOn: state.today) }
        let result: SubmitResult
        do { result = try await state.submissions.submit(prepared.stored, by: caller.actor) } catch let error as StoreError {
            throw ServiceError(error)
        }
        return Receipt(outcome: prepared.outcome(result))
    }

    /// The findings are for the caller's department, on a task whose drawn
    /// team for it includes the caller. A task this jurisdiction never drew
    /// is left to the office's checks (422, with its place in the document).
    private func checkTeam(_ read: CountyOffice.ReadFindings, caller: Caller, office: CountyOffice) throws(ServiceError) {
        let f = read.findings
        guard f.department.value == caller.account.department else {
            throw ServiceError.forbidden(zh: "只能提交本部门（\(caller.account.department ?? "")）的检查记录，记录写的是“\(f.department.value)”",
                                         en: "you may submit findings for your own department (\(caller.account.department ?? "")) only, not '\(f.department.value)'")
        }
        guard let taskID = f.taskID, let task = read.task else { return }
        guard office.teams(of: task)[f.department.value]?.contains(caller.id) == true else {
            throw ServiceError.forbidden(zh: "您不在任务“\(taskID)”本部门的检查组中，不能提交其检查记录",
                                         en: "you are not on this department's team for task '\(taskID)' and cannot submit its findings")
        }
    }

    /// Through the service, evidence is uploaded first and named by its
    /// digest; a path on the inspector's device would mean nothing here.
    private func checkEvidence(_ f: Findings, caller: Caller) throws(ServiceError) {
        var problems: [Diagnostic] = []
        for (key, files) in f.evidence {
            for file in files {
                guard file.hasPrefix("sha256:") else {
                    problems.append(Diagnostic(key.place, zh: "证据“\(file)”须先上传（POST /api/v1/evidence），再以 sha256:… 引用",
                                               en: "evidence '\(file)' must be uploaded first (POST /api/v1/evidence) and named sha256:…"))
                    continue
                }
                let digest = String(file.dropFirst("sha256:".count)).lowercased()
                let known = try stored { () throws(StoreError) in try state.store.evidence(jurisdiction: caller.account.jurisdiction, sha256: digest) }
                if known == nil {
                    problems.append(Diagnostic(key.place, zh: "没有已上传的证据 \(file)", en: "no uploaded evidence \(file)"))
                }
            }
        }
        if !problems.isEmpty { throw ServiceError.unprocessable(problems) }
    }
}

/// A lifecycle step: its own refusals become a 422 with the diagnostics;
/// the store's keep their meaning (409 conflict, 404 unknown, 500 broken).
func lifecycle<T>(_ body: () throws(LifecycleError) -> T) throws(ServiceError) -> T {
    do { return try body() } catch {
        switch error.storeKind {
        case .conflict?: throw ServiceError(.conflict, error.diagnostics[0].message, diagnostics: error.diagnostics)
        case .unknown?: throw ServiceError(.notFound, error.diagnostics[0].message, diagnostics: error.diagnostics)
        case .cannotOpen?, .notAStore?, .corruptRow?, .database?: throw ServiceError(.internalServerError, error.diagnostics[0].message)
        default: throw ServiceError.unprocessable(error.diagnostics)
        }
    }
}
