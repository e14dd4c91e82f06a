import Compliance
import Foundation
import Hummingbird

/// JSON responses: `Encodable` values with snake_case keys as the API
/// declares them, or a `JSONValue` already shaped (evaluations).
enum JSONBody {
    static func response(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return bytes(status, data)
    }

    /// A JSON value written as bytes in one buffer (`JSONWriter`, as
    /// `check` writes), not built up as nested strings.
    static func response(_ status: HTTPResponse.Status, json: JSONValue) -> Response {
        var writer = JSONWriter(pretty: false, capacity: 4096)
        writer.value(json)
        return response(status, bytes: writer.take())
    }

    /// JSON already written as bytes.
    static func response(_ status: HTTPResponse.Status, bytes: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func bytes(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        response(status, bytes: Array(data))
    }
}
