import Store
import Testing

/// Runs a write that must be refused with `kind`; returns the error.
@discardableResult
func expectRefused<T>(_ kind: StoreError.Kind, _ comment: Comment? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> T) -> StoreError? {
    do {
        let value = try body()
        Issue.record("expected the store to refuse (\(kind.rawValue)) but it returned \(value)\(comment.map { ": \($0)" } ?? "")",
                     sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        #expect(error.kind == kind, "\(error)\(comment.map { " — \($0)" } ?? "")", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a StoreError (\(kind.rawValue)), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// What a store holds, as far as its audit log shows: the head of each
/// jurisdiction's chain. Every write appends at least one entry, so an
/// unchanged snapshot means nothing was written.
struct AuditSnapshot: Equatable, CustomStringConvertible {
    var heads: [AuditHead]
    var entryCounts: [Int]

    init(_ store: Store, _ jurisdictions: [String]) throws {
        heads = try jurisdictions.map { try store.auditHead(jurisdiction: $0) }
        entryCounts = try jurisdictions.map { try store.auditEntries(jurisdiction: $0).count }
    }

    var description: String { zip(heads, entryCounts).map { "\($0.jurisdiction)#\($0.seq) (\($1) entries)" }.joined(separator: ", ") }
}

/// Expects the store's audit log to verify, showing its problems when it does not.
func expectVerifies(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let report = try store.verifyAudit()
    #expect(report.ok, "\(report.problems.map(describe))", sourceLocation: sourceLocation)
}

/// A problem of `verifyAudit`, for messages.
func describe(_ p: AuditProblem) -> String {
    "[\(p.jurisdiction)] #\(p.seq.map(String.init) ?? "-") \(p.kind.rawValue): \(p.detail.en)"
}
