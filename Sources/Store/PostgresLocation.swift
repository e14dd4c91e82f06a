import Foundation
import PostgresNIO

/// Where a PostgreSQL store is, parsed from its URL:
///
/// - `postgresql://user@host:port/database` (TCP, without TLS), or
/// - `postgresql://user@/database?host=/socket/dir&port=P` (the Unix
///   socket `/socket/dir/.s.PGSQL.P`, as libpq names it).
///
/// `postgres://` is accepted too, and a password (`user:password@`),
/// which is never part of `displayName` nor of any message: they show
/// `user:***@`, so that whoever reads a message still sees that the URL
/// carried one.
struct PostgresLocation: Sendable, Hashable {
    enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case socket(directory: String, port: Int)
    }

    var endpoint: Endpoint
    var user: String
    var password: String?
    var database: String

    static let defaultPort = 5432

    /// Whether `location` is a PostgreSQL URL rather than a file path.
    static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// The URL with its password, if any, as `***`: for messages.
    var displayName: String { url(withPassword: false) }

    /// What stands for a password in messages.
    static let hidden = "***"

    /// A URL that does not parse, with whatever could be a password
    /// replaced by `***`: the text between the user's `:` and the `@`, and
    /// the values of `password=` parameters.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var rest = String(url[scheme.upperBound...])
        // A URL that did not parse may hold a password with an unescaped
        // `/`, `?` or `@`: everything from the first `:` to the last `@` is
        // hidden, even if that hides more than the password.
        if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            rest.replaceSubrange(rest.index(after: colon)..<at, with: hidden)
        }
        if let q = rest.firstIndex(of: "?") {
            let parameters = rest[rest.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false)
                .map { $0.lowercased().hasPrefix("password=") ? "password=" + hidden : String($0) }
            rest = String(rest[...q]) + parameters.joined(separator: "&")
        }
        return String(url[..<scheme.upperBound]) + rest
    }

    /// The URL, with the password when `withPassword` (to hand to another
    /// process, never to print), else with `***` in its place.
    func url(withPassword: Bool) -> String {
        var credentials = Self.escape(user)
        if let password { credentials += ":" + (withPassword ? Self.escape(password) : Self.hidden) }
        switch endpoint {
        case .tcp(let host, let port):
            let h = host.contains(":") ? "[\(host)]" : host
            return "postgresql://\(credentials)@\(h):\(port)/\(Self.escape(database))"
        case .socket(let directory, let port):
            let dir = directory.addingPercentEncoding(withAllowedCharacters: Self.queryValue) ?? directory
            return "postgresql://\(credentials)@/\(Self.escape(database))?host=\(dir)&port=\(port)"
        }
    }

    private static let queryValue = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))

    /// The same server and user, another database (tests make throwaway ones).
    func with(database: String) -> PostgresLocation {
        var l = self
        l.database = database
        return l
    }

    /// The socket file of a Unix-socket location.
    var socketPath: String? {
        guard case .socket(let directory, let port) = endpoint else { return nil }
        return (directory.hasSuffix("/") ? directory : directory + "/") + ".s.PGSQL.\(port)"
    }

    var configuration: PostgresConnection.Configuration {
        switch endpoint {
        case .tcp(let host, let port):
            return .init(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        case .socket:
            return .init(unixSocketPath: socketPath!, username: user, password: password, database: database)
        }
    }

    /// Parses a URL; the error never repeats the password.
    static func parse(_ url: String) throws(StoreError) -> PostgresLocation {
        func refuse(_ zh: String, _ en: String) -> StoreError {
            StoreError(.cannotOpen, zh: "PostgreSQL 地址无效（\(zh)）；应为 postgresql://用户@主机:端口/数据库 或 postgresql://用户@/数据库?host=/套接字目录&port=端口",
                       en: "invalid PostgreSQL URL (\(en)); expected postgresql://user@host:port/database or postgresql://user@/database?host=/socket/dir&port=P")
        }
        var rest: Substring
        if url.hasPrefix("postgresql://") {
            rest = url.dropFirst("postgresql://".count)
        } else if url.hasPrefix("postgres://") {
            rest = url.dropFirst("postgres://".count)
        } else {
            throw refuse("不是 postgresql:// 地址", "not a postgresql:// URL")
        }
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = decode(parts[0]) else { throw refuse("参数无法解码", "a parameter cannot be decoded") }
                guard let value = decode(parts.count > 1 ? parts[1] : "") else {
                    throw refuse("参数 \(name) 无法解码", "parameter \(name) cannot be decoded")
                }
                query[name] = value
            }
            rest = rest[..<q]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = slash < rest.endIndex ? rest[rest.index(after: slash)...] : ""
        guard let database = decode(path), !database.isEmpty, !database.contains("/") else {
            throw refuse("未指定数据库", "no database named")
        }

        var user: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = decode(info[..<colon])
                password = decode(info[info.index(after: colon)...])
                guard user != nil, password != nil else { throw refuse("用户名或密码无法解码", "the user or password cannot be decoded") }
            } else {
                guard let u = decode(info) else { throw refuse("用户名无法解码", "the user cannot be decoded") }
                user = u
            }
        }

        var host: String?
        var port: Int?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw refuse("IPv6 地址缺少 ]", "an IPv6 address lacks its ]") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()) else { throw refuse("端口无效", "invalid port") }
                port = p
            } else if !after.isEmpty {
                throw refuse("主机无效", "invalid host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = decode(hostPort[..<colon])
            guard let p = Int(hostPort[hostPort.index(after: colon)...]) else { throw refuse("端口无效", "invalid port") }
            port = p
        } else if !hostPort.isEmpty {
            host = decode(hostPort)
        }
        if let h = query["host"], !h.isEmpty { host = h }
        if let p = query["port"] {
            guard let n = Int(p) else { throw refuse("端口无效", "invalid port") }
            port = n
        }
        if let u = query["user"], !u.isEmpty { user = u }
        if let p = query["password"] { password = p }
        if let mode = query["sslmode"], !["disable", "allow", "prefer"].contains(mode) {
            throw refuse("不支持 sslmode=\(mode)，仅支持不加密的连接", "sslmode=\(mode) is not supported: connections are unencrypted")
        }
        let resolvedPort = port ?? defaultPort
        guard (1...65535).contains(resolvedPort) else { throw refuse("端口无效", "invalid port") }
        guard let host, !host.isEmpty else { throw refuse("未指定主机或套接字目录", "no host nor socket directory") }
        let endpoint: Endpoint = host.hasPrefix("/") ? .socket(directory: host, port: resolvedPort) : .tcp(host: host, port: resolvedPort)
        let resolvedUser = user.flatMap { $0.isEmpty ? nil : $0 }
            ?? ProcessInfo.processInfo.environment["PGUSER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        return PostgresLocation(endpoint: endpoint, user: resolvedUser, password: password, database: database)
    }

    private static func decode(_ s: Substring) -> String? { String(s).removingPercentEncoding }

    private static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?#[]"))) ?? s
    }
}
