import Testing
@testable import Disclosure

@Suite("Identifiers")
struct IdentifierTests {
    @Test("the reference ISO 7064 check agrees with the classic example 11010519491231002X")
    func classicExample() {
        #expect(Reference.idCheck("11010519491231002") == "X")
        #expect(ResidentIDNumber.checkCharacter("11010519491231002") == "X")
    }

    @Test("module and reference check characters agree on many numbers")
    func checksAgree() {
        var checks = Set<Character>()
        for seq in 0..<400 {
            let first17 = "13082719850315" + String(format: "%03d", seq)
            let c = Reference.idCheck(first17)
            checks.insert(c)
            #expect(ResidentIDNumber.checkCharacter(first17) == c)
        }
        #expect(checks.count == 11)  // every check character 0-9 and X occurs
    }

    @Test("18-digit numbers: check character in either case, dates from 1900 to today")
    func valid18() {
        let x = Reference.id18(area: "110105", birth: "19491231") { $0 == "X" }
        #expect(ResidentIDNumber.isValid(x, today: fixedToday))
        #expect(ResidentIDNumber.isValid(x.lowercased(), today: fixedToday))
        let today = Reference.id18(area: "130827", birth: "20240630") { _ in true }
        #expect(ResidentIDNumber.isValid(today, today: fixedToday))
        let tomorrow = Reference.id18(area: "130827", birth: "20240701") { _ in true }
        #expect(!ResidentIDNumber.isValid(tomorrow, today: fixedToday))
        let old = Reference.id18(area: "130827", birth: "18991231") { _ in true }
        #expect(!ResidentIDNumber.isValid(old, today: fixedToday))
        let feb30 = Reference.id18(area: "130827", birth: "19850230") { _ in true }
        #expect(!ResidentIDNumber.isValid(feb30, today: fixedToday))
        let leap = Reference.id18(area: "130827", birth: "20000229") { _ in true }
        #expect(ResidentIDNumber.isValid(leap, today: fixedToday))
        let badProvince = Reference.id18(area: "990827", birth: "19850315") { _ in true }
        #expect(!ResidentIDNumber.isValid(badProvince, today: fixedToday))
        var wrongCheck = Array(today)
        wrongCheck[17] = wrongCheck[17] == "0" ? "1" : "0"
        #expect(!ResidentIDNumber.isValid(String(wrongCheck), today: fixedToday))
    }

    @Test("15-digit first-generation numbers need a real YYMMDD")
    func valid15() {
        #expect(ResidentIDNumber.isValid("130827850315123", today: fixedToday))
        #expect(!ResidentIDNumber.isValid("130827851315123", today: fixedToday))  // month 13
        #expect(!ResidentIDNumber.isValid("130827850230123", today: fixedToday))  // 30 Feb
        #expect(!ResidentIDNumber.isValid("000827850315123", today: fixedToday))  // no such province
    }

    @Test("credit codes: a real one passes, a changed character fails")
    func creditCodes() {
        // Alibaba (China) Co., Ltd. — a published code.
        let real = "91330100716105852F"
        #expect(Reference.isCreditCode(real))
        #expect(CreditCode.isValid(real))
        #expect(!CreditCode.isValid("91330100716105852E"))  // mod 31 wrong
        // Organisation check wrong but mod 31 recomputed: passes mod 31 only.
        let body = "9133010071610585" + "3"
        let mod31Only = body + String(Reference.creditCheck(body))
        #expect(CreditCode.passesMod31(mod31Only))
        #expect(!CreditCode.isValid(mod31Only))
        #expect(!CreditCode.isValid("91330100716105852"))  // 17 characters
        #expect(!CreditCode.isValid("9133010071610585IF"))  // I is not in the charset
    }

    @Test("civil dates parse and compare")
    func civilDates() {
        #expect(DisclosureDate("2024-02-29") != nil)
        #expect(DisclosureDate("2023-02-29") == nil)
        #expect(DisclosureDate("1900-02-29") == nil)
        #expect(DisclosureDate("2024-6-1") == nil)
        #expect(DisclosureDate("2024-06-01")! < DisclosureDate("2024-06-02")!)
        #expect(DisclosureDate("2024-06-01")!.description == "2024-06-01")
    }
}
