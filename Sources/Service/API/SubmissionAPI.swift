import Compliance
import Foundation
import Hummingbird
import Messages
import Spotcheck
import Store

/// `POST /api/v1/submissions` (findings, §6 JSON) and `POST /api/v1/evidence` (a photo or document).
struct SubmissionAPI {
    let state: ServiceState

    func addRoutes(to api: RouterGroup<ServiceRequestContext>) {
        api.post("submissions", use: submit)
        api.post("evidence", use: upload)
    }

    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .inspector)
        let bytes = try await Body.bytes(request, limit: state.configuration.maxBodyBytes)
        let receipt = try await Submitting(state: state).submit(bytes, named: Submitting.documentName(contentType: request.headers[.contentType]),
                                                                by: caller)
        return JSONBody.response(receipt.outcome.duplicate ? .ok : .created, bytes: answer(receipt.outcome, language: context.language))
    }

    /// The submission's id and version, then its evaluation document in the
    /// caller's language (SPEC §12), written as bytes in one buffer.
    private func answer(_ outcome: SubmissionOutcome, language: Language) -> [UInt8] {
        var w = JSONWriter(pretty: false, capacity: 8 << 10)
        w.beginObject()
        w.key("submission_id")
        w.string(outcome.submissionID)
        w.key("version")
        w.int(Int64(outcome.version))
        // The stored document is Chinese: a Chinese answer is it without its English.
        let document = language == .zh ? outcome.document.withoutEnglish
            : EvaluationDocument(outcome.evaluation, rulebook: state.workspace.rulebook, language: language)
        document.writeMembers(to: &w)
        if outcome.duplicate {
            w.key("duplicate")
            w.bool(true)
        }
        if !outcome.warnings.isEmpty {
            w.key("warnings")
            w.beginArray()
            for warning in outcome.warnings { EvaluationOutput.write(warning, language: language, to: &w) }
            w.endArray()
        }
        w.endObject()
        return w.take()
    }

    struct Uploaded: Encodable {
        var sha256: String
        var reference: String
        var content_type: String
        var size: Int
    }

    @Sendable func upload(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try Access.require(context, .inspector)
        let bytes = try await Body.bytes(request, limit: state.configuration.maxEvidenceBytes)
        guard let kind = EvidenceKind(bytes) else {
            throw ServiceError(.unsupportedMediaType, zh: "证据应为照片（JPEG、PNG、WebP、HEIC）或 PDF 文件", en: "evidence must be a photo (JPEG, PNG, WebP, HEIC) or a PDF")
        }
        let record = try stored { () throws(StoreError) in
            try state.store.storeEvidence(EvidenceRecord(jurisdiction: caller.account.jurisdiction, contentType: kind.contentType, bytes: Data(bytes)),
                                          by: caller.actor)
        }
        return JSONBody.response(.created, Uploaded(sha256: record.sha256, reference: "sha256:" + record.sha256,
                                                    content_type: record.contentType, size: record.size))
    }
}

/// A request body read whole, up to a limit (413 beyond it).
enum Body {
    static func bytes(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw ServiceError.tooLarge(limit: limit) }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw ServiceError.tooLarge(limit: limit)
        }
    }
}

/// What an evidence file is, from its first bytes (not from what the client claims).
enum EvidenceKind {
    case jpeg, png, webp, heic, pdf

    init?(_ b: [UInt8]) {
        func starts(_ p: [UInt8], at i: Int = 0) -> Bool { b.count >= i + p.count && Array(b[i..<(i + p.count)]) == p }
        if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
        else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
        else if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { self = .webp }
        else if starts(Array("ftyp".utf8), at: 4), starts(Array("hei".utf8), at: 8) || starts(Array("mif1".utf8), at: 8) { self = .heic }
        else if starts(Array("%PDF-".utf8)) { self = .pdf }
        else { return nil }
    }

    var contentType: String {
        switch self {
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        case .webp: return "image/webp"
        case .heic: return "image/heic"
        case .pdf: return "application/pdf"
        }
    }
}
