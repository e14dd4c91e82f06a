import Foundation
import Store

/// Random tokens for sessions and forms, and the digest a session is kept under.
enum Tokens {
    /// 256 random bits, URL-safe base64 without padding.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The store keeps only this: a leaked sessions table signs nobody in.
    static func digest(_ token: String) -> String {
        sha256Hex(token)
    }

    /// Compares without leaking where two tokens first differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
