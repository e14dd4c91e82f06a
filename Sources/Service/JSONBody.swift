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

    static func response(_ status: HTTPResponse.Status, json: JSONValue) -> Response {
        bytes(status, Data(json.serialized(pretty: false).utf8))
    }

    static func bytes(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
