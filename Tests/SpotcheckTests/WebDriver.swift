import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// A small W3C WebDriver client for Debian's chromium-driver: enough to
/// sign in, fill forms, upload a file, read attributes and take
/// screenshots. Requests go over AsyncHTTPClient (Foundation's URLSession
/// on Linux trips over chromedriver's headers).
final class WebDriver: @unchecked Sendable {
    struct Element: Sendable {
        let id: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Where Debian installs the driver and the browser.
    static let driverPath = "/usr/bin/chromedriver"
    static let browserPath = "/usr/bin/chromium"
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: driverPath) && FileManager.default.isExecutableFile(atPath: browserPath)
    }

    private let driver = Process()
    private let client = HTTPClient(eventLoopGroupProvider: .singleton)
    private let base: String
    private var session = ""

    /// Starts chromedriver on a free port and a headless session in it.
    init(width: Int = 1280, height: Int = 900) async throws {
        let port = Int.random(in: 20000..<60000)
        base = "http://127.0.0.1:\(port)"
        driver.executableURL = URL(fileURLWithPath: Self.driverPath)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        var ready = false
        for _ in 0..<100 {
            if let status = try? await call("GET", "/status"), (status["value"] as? [String: Any])?["ready"] as? Bool == true { ready = true; break }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard ready else { throw Failure(description: "chromedriver did not start") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": Self.browserPath, "prefs": ["intl.accept_languages": "zh-CN,zh"],
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                            "--window-size=\(width),\(height)", "--lang=zh-CN"]],
        ]]]
        let created = try await call("POST", "/session", capabilities)
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "no WebDriver session: \(created)")
        }
        session = id
    }

    /// Ends the session and the driver (SIGKILL: a child of a test ignores SIGTERM).
    func quit() async {
        _ = try? await call("DELETE", "/session/\(session)")
        try? await client.shutdown()
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL); driver.waitUntilExit() }
    }

    // MARK: Commands

    func open(_ url: String) async throws { _ = try await command("POST", "url", ["url": url]) }
    func currentURL() async throws -> String { try await command("GET", "url") as? String ?? "" }

    func resize(width: Int, height: Int) async throws {
        _ = try await command("POST", "window/rect", ["width": width, "height": height])
    }

    func find(_ css: String) async throws -> Element {
        let value = try await command("POST", "element", ["using": "css selector", "value": css])
        guard let object = value as? [String: Any], let id = object.values.first as? String else { throw Failure(description: "no element \(css)") }
        return Element(id: id)
    }

    func findAll(_ css: String) async throws -> [Element] {
        let value = try await command("POST", "elements", ["using": "css selector", "value": css]) as? [[String: Any]] ?? []
        return value.compactMap { ($0.values.first as? String).map(Element.init) }
    }

    /// Clicks an element after scrolling it to the middle of the view (a
    /// sticky bar at the bottom would otherwise take the click).
    func click(_ e: Element) async throws {
        try await execute("arguments[0].scrollIntoView({block: 'center'})", [Self.reference(e)])
        _ = try await command("POST", "element/\(e.id)/click", [:])
    }
    func type(_ e: Element, _ text: String) async throws { _ = try await command("POST", "element/\(e.id)/value", ["text": text]) }
    func clear(_ e: Element) async throws { _ = try await command("POST", "element/\(e.id)/clear", [:]) }
    func attribute(_ e: Element, _ name: String) async throws -> String? { try await command("GET", "element/\(e.id)/attribute/\(name)") as? String }
    func text(_ e: Element) async throws -> String { try await command("GET", "element/\(e.id)/text") as? String ?? "" }
    func displayed(_ e: Element) async throws -> Bool { try await command("GET", "element/\(e.id)/displayed") as? Bool ?? false }
    func enabled(_ e: Element) async throws -> Bool { try await command("GET", "element/\(e.id)/enabled") as? Bool ?? false }

    /// Runs a script in the page; its arguments and result are JSON values.
    @discardableResult
    func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "execute/sync", ["script": script, "args": arguments])
    }

    /// An element as a script argument (the W3C element key).
    static func reference(_ e: Element) -> [String: String] { ["element-6066-11e4-a52e-4f735466cecf": e.id] }

    func deleteCookies() async throws { _ = try await command("DELETE", "cookie") }

    /// A PNG of the whole viewport.
    func screenshot() async throws -> Data {
        guard let base64 = try await command("GET", "screenshot") as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    /// Polls `condition` until it holds (or fails after `seconds`).
    func wait(_ what: String, seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "timed out waiting for \(what)")
    }

    // MARK: Wire

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let answer = try await call(method, "/session/\(session)/\(path)", body)
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] ?? "")")
        }
        return answer["value"]
    }

    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        if let body {
            let data = try JSONSerialization.data(withJSONObject: body)
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: bytes))
        return object as? [String: Any] ?? [:]
    }
}
