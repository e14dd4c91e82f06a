import Foundation
import Hummingbird
import HummingbirdAuth
import Messages
import Store

/// Who is calling: a signed-in account, and how it proved it.
public struct Caller: Sendable {
    public var account: AccountRecord
    /// The session the cookie or bearer token belongs to.
    public var session: SessionRecord
    /// Signed in by `Authorization: Bearer`: such a request needs no CSRF token,
    /// since a browser never adds that header on its own.
    public var byBearer: Bool

    public var id: String { account.accountID }
    public var role: AccountRole { account.role }
    /// The actor the store records for this caller's writes.
    public var actor: String { "\(account.accountID) (\(account.role.rawValue))" }
}

/// The request context of every route: the caller (if signed in) and the
/// language chosen for messages and pages.
public struct ServiceRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Caller?
    public var language: Language = .zh
    /// The client's address, for throttling sign-ins (not logged).
    public let clientAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    public var requestDecoder: FormOrJSONDecoder { FormOrJSONDecoder() }
    /// Bodies decoded through `requestDecoder` (forms, small JSON objects).
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller, or 401.
    public func caller() throws(ServiceError) -> Caller {
        guard let identity else { throw ServiceError.signInRequired }
        return identity
    }
}

/// Page forms are `application/x-www-form-urlencoded`; API bodies JSON.
public struct FormOrJSONDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let contentType = request.headers[.contentType] ?? ""
        do {
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                return try await URLEncodedFormDecoder().decode(type, from: request, context: context)
            }
            return try await JSONDecoder().decode(type, from: request, context: context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ServiceError.tooLarge(limit: context.maxUploadSize)
        } catch let error as ServiceError {
            throw error
        } catch {
            throw ServiceError.badRequest(zh: "请求内容无法读取：缺少字段或类型不对", en: "the request body cannot be read: a field is missing or of the wrong type")
        }
    }
}
