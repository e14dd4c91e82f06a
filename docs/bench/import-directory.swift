// Imports one entity directory file with DirectoryImporter and prints what
// it accepted: the program measure-directory-import.sh times. The columns
// are those of Rules/directories.yaml (entities).
import Directories
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: import-directory FILE.csv\n".utf8))
    exit(2)
}
let schema = try DirectorySchema(key: "id", columns: [
    .init(name: "id", required: true), .init(name: "name", required: true),
    .init(name: "kind", required: true), .init(name: "category"), .init(name: "town"),
    .init(name: "address"), .init(name: "legal_rep", personal: true), .init(name: "phone", personal: true),
    .init(name: "status", required: true), .init(name: "registered_on", type: .date),
    .init(name: "has_canteen", type: .bool), .init(name: "boarding", type: .bool),
    .init(name: "students", type: .int), .init(name: "water_supply"),
    .init(name: "halal", type: .bool), .init(name: "credit_grade"),
])
let result = try DirectoryImporter(schema: schema).importFile(atPath: arguments[1])
print("\(result.rows.count) rows accepted, \(result.rejectedRowCount) rejected, \(result.diagnostics.count) diagnostics")
for d in result.diagnostics.prefix(5) { print(d.formatted(chinese: true)) }
