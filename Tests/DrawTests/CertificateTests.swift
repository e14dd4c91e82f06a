import Foundation
import Testing
@testable import Draw

@Suite("Certificate")
struct CertificateTests {
    let entities = (1...60).map { PopulationRecord(id: "E-\(100 + $0)", stratum: $0 % 3 == 0 ? "A" : "B") }
    let departments = [
        DepartmentPool(department: "education", inspectors: (1...8).map { "ED-\($0)" }, perTeam: 2),
        DepartmentPool(department: "fire", inspectors: (1...9).map { "FI-\($0)" }, perTeam: 3),
    ]
    let avoid: (String, String) -> Bool = { entity, inspector in entity.hasSuffix("7") && inspector.hasSuffix("1") }

    func request(hashes: [String: String] = ["plan": sha256Hex(Data("plan".utf8))]) -> DrawRequest {
        DrawRequest(
            seed: .numbers([["12", "3"], ["45"]]), population: entities,
            rule: .rates(["A": 0.1, "B": 0.15]), declaredRate: 0.12,
            departments: departments, hashes: hashes, metadata: ["plan": "demo"])
    }

    @Test("sha256Hex matches the standard vector for \"abc\"")
    func sha256Vector() {
        #expect(sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("a draw's certificate records seed, key, strata, selection, teams, matching")
    func contents() throws {
        let certificate = try DrawProcedure.run(request(), avoid: avoid)
        #expect(certificate.algorithm == "spotcheck-draw-v1")
        #expect(certificate.key == "3.12./45./")
        #expect(certificate.sample.strata.map(\.count) == [2, 6])
        #expect(certificate.selected.count == 8)
        #expect(certificate.teams.map(\.department) == ["education", "fire"])
        #expect(Set(certificate.matching.keys) == Set(certificate.selected))
        for (entity, byDepartment) in certificate.matching {
            #expect(byDepartment.count == 2)
            #expect(byDepartment.values.allSatisfy { team in !team.inspectors.contains { avoid(entity, $0) } })
        }
    }

    @Test("JSON is deterministic, has sorted keys and round-trips")
    func json() throws {
        let certificate = try DrawProcedure.run(request(), avoid: avoid)
        let data = try certificate.jsonData()
        #expect(try DrawProcedure.run(request(), avoid: avoid).jsonData() == data)
        #expect(try Certificate.decode(from: data) == certificate)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"key\" : \"3.12./45./\""))
        #expect(text.contains("\"achieved_rate\""))
        let algorithmAt = try #require(text.range(of: "\"algorithm\""))
        let teamsAt = try #require(text.range(of: "\"teams\""))
        #expect(algorithmAt.lowerBound < teamsAt.lowerBound)
    }

    @Test("verification of an untouched draw finds no difference")
    func verifies() throws {
        let certificate = try DrawProcedure.run(request(), avoid: avoid)
        #expect(try DrawProcedure.verify(certificate, against: request(), avoid: avoid) == [])
    }

    @Test("verification names a changed hash, stratum count and added or removed ids")
    func detectsChangedInputs() throws {
        let published = try DrawProcedure.run(request(), avoid: avoid)
        var altered = request(hashes: ["plan": sha256Hex(Data("other plan".utf8))])
        altered.population.append(contentsOf: (1...30).map { PopulationRecord(id: "Z-\($0)", stratum: "A") })
        let notes = try DrawProcedure.verify(published, against: altered, avoid: avoid)
        #expect(notes.contains { $0.field == .hash("plan") })
        #expect(notes.contains { $0.field == .stratumPopulation("A") && $0.published == "20" && $0.recomputed == "50" })
        #expect(notes.contains { $0.field == .stratumCount("A") && $0.published == "2" && $0.recomputed == "5" })
        #expect(notes.contains { $0.field == .selected && $0.recomputed.hasPrefix("only here: ") })
        #expect(!notes.contains { $0.path.hasPrefix("sample.strata[B]") })
    }

    @Test("compare names a changed team and a changed match")
    func detectsTampering() throws {
        let published = try DrawProcedure.run(request(), avoid: avoid)
        var tampered = published
        tampered.teams[1].teams[0].inspectors[0] = "FI-99"
        let entity = published.selected[0]
        let original = try #require(published.matching[entity]?["education"])
        let other = published.teams[0].teams.first { $0.number != original.team }!
        tampered.matching[entity]?["education"] = MatchedTeam(team: other.number, inspectors: other.inspectors)
        let notes = compare(published, tampered)
        #expect(notes.contains { $0.field == .team(department: "fire", number: 1) && $0.recomputed.contains("FI-99") })
        #expect(notes.contains { $0.field == .matching(entity: entity, department: "education") && $0.published.hasPrefix("team \(original.team)") })
        #expect(notes.count == 2)
    }

    @Test("a certificate of another algorithm is reported as a difference")
    func foreignAlgorithm() throws {
        var certificate = try DrawProcedure.run(request(), avoid: avoid)
        certificate.algorithm = "something-else"
        let notes = try DrawProcedure.verify(certificate, against: request(), avoid: avoid)
        #expect(notes.map(\.field) == [.algorithm])
        #expect(notes[0].published == "something-else")
    }

    /// Every field of a published certificate, changed alone, is a difference naming that field.
    @Test("every field of the certificate is compared")
    func everyFieldIsCompared() throws {
        let published = try DrawProcedure.run(request(), avoid: avoid)
        let entity = published.selected[0]
        let edits: [(String, (inout Certificate) -> Void, CertificateDifference.Field)] = [
            ("format", { $0.format = "x" }, .format),
            ("seed", { $0.seed = .announced("other") }, .seed),
            ("key", { $0.key = "other" }, .key),
            ("hashes", { $0.hashes["entities"] = "0" }, .hash("entities")),
            ("metadata", { $0.metadata["plan"] = "other" }, .metadata("plan")),
            ("strata population", { $0.sample.strata[0].population += 1 }, .stratumPopulation(published.sample.strata[0].name)),
            ("strata rate", { $0.sample.strata[0].rate = 0.5 }, .stratumRate(published.sample.strata[0].name)),
            ("strata count", { $0.sample.strata[0].count += 1 }, .stratumCount(published.sample.strata[0].name)),
            ("population", { $0.sample.population += 1 }, .population),
            ("count", { $0.sample.count += 1 }, .count),
            ("achieved rate", { $0.sample.achievedRate = 0.99 }, .achievedRate),
            ("declared rate", { $0.sample.declaredRate = 0.42 }, .declaredRate),
            ("gap", { $0.sample.gap = 0.42 }, .gap),
            ("selected order", { $0.selected.reverse() }, .selectionOrder),
            ("eligible", { $0.teams[0].eligible += 1 }, .eligible(published.teams[0].department)),
            ("per team", { $0.teams[0].perTeam += 1 }, .perTeam(published.teams[0].department)),
            ("matching", { $0.matching[entity] = [:] }, .matching(entity: entity, department: published.teams[0].department)),
        ]
        for (name, edit, field) in edits {
            var tampered = published
            edit(&tampered)
            #expect(tampered != published, "\(name)")
            let notes = compare(tampered, published)
            #expect(notes.contains { $0.field == field }, "\(name): \(notes)")
        }
    }

    @Test("seeds encode with their kind")
    func seedCoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let numbers = String(decoding: try encoder.encode(Seed.numbers([["1", "2"]])), as: UTF8.self)
        #expect(numbers == #"{"kind":"numbers","sources":[["1","2"]]}"#)
        let announced = try JSONDecoder().decode(Seed.self, from: Data(#"{"kind":"announced","value":"v"}"#.utf8))
        #expect(announced == .announced("v"))
    }
}
