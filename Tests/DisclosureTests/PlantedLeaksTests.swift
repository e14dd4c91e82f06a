import Foundation
import Testing
@testable import Disclosure

/// The leaks the hostile-input campaign found in published records: a
/// declared name inside longer text (`白芳（经营者）` declared, `负责人白芳签字`
/// published), e-mail addresses, and ID numbers with a wrong check
/// character. Each kind is planted in every field of a record; none may
/// survive in JSON, CSV or HTML.
@Suite("Planted personal data")
struct PlantedLeaksTests {
    /// Directory cells as they come: a name with its role, a Latin name.
    static let declared = ["白芳（经营者）", "Li Na"]

    /// An 18-digit ID number shaped right (area, birth date, sequence) whose
    /// check character is wrong, as typos and forgeries have it.
    static let badCheckID: String = {
        let good = Reference.id18(area: "130827", birth: "19850315") { $0.isNumber }
        let wrong: Character = good.last == "7" ? "8" : "7"
        return String(good.dropLast()) + String(wrong)
    }()
    /// One whose right check character is a digit, written with an X.
    static let badCheckX: String = {
        let good = Reference.id18(area: "440305", birth: "20011107") { $0.isNumber }
        return String(good.dropLast()) + "X"
    }()
    static let email = "bai.fang+canteen@example.com.cn"
    static let email2 = "LINA_2024@163.com"

    /// Every planted value, and what must not appear of it in any output.
    static var secrets: [String] { ["白芳", "li na", email.lowercased(), email2.lowercased(), badCheckID, badCheckX.lowercased()] }

    /// One text that carries every kind, so each field gets all of them.
    static func planted(_ label: String) -> String {
        "\(label)：负责人白芳签字，白芳（经营者）在场；联系人 LI NA（li na），邮箱\(email)、\(email2)；"
            + "证件\(badCheckID)，又\(badCheckX)"
    }

    /// Every free-text field carries the planted text. Identifiers and
    /// dates (credit code, plan ID, result code, the dates) are validated
    /// long before publication, so they hold what they must.
    static func record() -> PublicationRecord {
        PublicationRecord(
            entityName: planted("名称"), creditCode: "91130827MA0A1B2C3D", planID: "plan-2024", planTitle: planted("标题"),
            jurisdiction: planted("辖区"), departments: [planted("部门甲"), planted("部门乙")], inspectedOn: "2024-06-12",
            resultCode: "found", resultLabel: planted("结果"), resultTone: "notice",
            departmentResults: [.init(department: "market", departmentName: planted("部门名"), resultCode: "found",
                                      resultLabel: planted("部门结果"))],
            findings: [planted("问题一"), planted("问题二")], referrals: [planted("移送")], decisions: [planted("决定")],
            publishedOn: "2024-06-20", disclosureDue: "2024-07-10")
    }

    static func redactor(keep: [String] = []) throws -> Redactor {
        try Redactor(rules: [.idCardNumbers, .phoneNumbers, .emailAddresses, .personNames(declared)], keep: keep, today: fixedToday)
    }

    static func outputs(_ records: [PublicationRecord]) -> [(String, String)] {
        [("json", DisclosureRenderer.json(records)), ("csv", DisclosureRenderer.csv(records)),
         ("html", DisclosureRenderer.html(title: "公示", records: records, generatedOn: "2024-06-30"))]
    }

    @Test("the planted values are really there before redaction")
    func plantedIsThere() {
        #expect(!ResidentIDNumber.isValid(Self.badCheckID, today: fixedToday))
        #expect(!ResidentIDNumber.isValid(Self.badCheckX, today: fixedToday))
        for (format, out) in Self.outputs([Self.record()]) {
            for secret in Self.secrets {
                #expect(out.lowercased().contains(secret), "\(format) lacks \(secret) before redaction")
            }
        }
    }

    @Test("no planted name, e-mail address or ID-like number survives in any field or format")
    func nothingSurvives() throws {
        let (records, report) = try Self.redactor().redact([Self.record()])
        for (format, out) in Self.outputs(records) {
            for secret in Self.secrets {
                #expect(!out.lowercased().contains(secret), "\(format) leaks \(secret)")
            }
            for replacement in ["白某", "***", Redactor.emailReplacement, Redactor.idReplacement] {
                #expect(out.contains(replacement), "\(format) lacks \(replacement)")
            }
        }
        // 12 free-text values (name, title, jurisdiction, two departments,
        // result, a department's name and result, two findings, a referral,
        // a decision), each with two addresses, two ID numbers, four names
        #expect(report.emailAddresses == 12 * 2)
        #expect(report.idCardNumbers == 12 * 2)
        #expect(report.personNames == 12 * 4)
    }

    @Test("a declared name is redacted inside longer text, with its role kept")
    func namesInsideText() throws {
        let r = try Self.redactor()
        #expect(r.redact("负责人白芳签字") == "负责人白某签字")
        #expect(r.redact("白芳（经营者）") == "白某（经营者）")
        #expect(r.redact("经营者：白芳。") == "经营者：白某。")
    }

    @Test("a declared cell holding several names or a role yields each name")
    func declaredCells() throws {
        let r = try Redactor(rules: [.personNames(["李雷、韩梅梅", "（负责人）王芳", "Zhang Wei / 赵六"])], today: fixedToday)
        #expect(r.redact("李雷与韩梅梅；王芳；ZHANG WEI、赵六") == "李某与韩某；王某；***、赵某")
    }

    @Test("Latin names match case-insensitively on word boundaries only")
    func latinWordBoundaries() throws {
        let r = try Self.redactor()
        #expect(r.redact("店员Li Na、LI NA和li na's") == "店员***、***和***'s")
        #expect(r.redact("Li Nan, Elina, Li Naomi") == "Li Nan, Elina, Li Naomi")
    }

    @Test("e-mail addresses in their usual spellings, and nothing around them")
    func emails() throws {
        let r = try Self.redactor()
        for address in [Self.email, Self.email2, "a@b.cn", "first.last@sub.example.org", "x_y-z@qq.com"] {
            #expect(r.redact("邮箱\(address)联系") == "邮箱\(Redactor.emailReplacement)联系", "\(address)")
        }
        // a phone number as the local part goes with the whole address
        #expect(r.redact("13812345678@139.com") == Redactor.emailReplacement)
        for text in ["@某某", "a@b", "价格@5元", "电子邮件：无"] {
            #expect(r.redact(text) == text)
        }
        // only when declared
        let none = try Redactor(rules: [.idCardNumbers], today: fixedToday)
        #expect(none.redact(Self.email) == Self.email)
    }

    @Test("ID-shaped numbers are redacted whatever their check character; implausible ones are not")
    func badChecksums() throws {
        let r = try Self.redactor()
        let badCheck15 = "130827850315123"   // 15 digits have no check character
        for id in [Self.badCheckID, Self.badCheckX, Self.badCheckX.lowercased(), badCheck15] {
            #expect(r.redact("证件\(id)。") == "证件\(Redactor.idReplacement)。", "\(id)")
        }
        let badDate = Reference.id18(area: "130827", birth: "19850231") { _ in true }
        let future = Reference.id18(area: "130827", birth: "20300101") { _ in true }
        let badArea = Reference.id18(area: "000827", birth: "19850315") { _ in true }
        for s in [badDate, future, badArea] {
            #expect(r.redact("编号\(s)") == "编号\(s)", "\(s)")
        }
    }

    /// An all-digit string valid both as an ID number and as a credit code.
    static let idShapedCreditCode: String = {
        for day in 1...28 {
            for seq in 0..<1000 {
                let id = Reference.id18("13082719850" + "3" + String(format: "%02d", day) + String(format: "%03d", seq))
                if id.last!.isNumber, Reference.isCreditCode(id) { return id }
            }
        }
        fatalError("no ID-shaped credit code found")
    }()

    @Test("a valid credit code that looks like an ID is kept when the caller keeps it, redacted otherwise")
    func keptCreditCode() throws {
        let code = Self.idShapedCreditCode
        #expect(CreditCode.isValid(code))
        let text = "统一社会信用代码\(code)"
        #expect(try Self.redactor(keep: [code]).redact(text) == text)
        #expect(try Self.redactor().redact(text) == "统一社会信用代码\(Redactor.idReplacement)")
        // the record's own code is kept, in its field and in its text
        let own = PublicationRecord(entityName: "某店", creditCode: code, planID: "p", planTitle: "t", departments: [],
                                    inspectedOn: "2024-06-12", resultCode: "A", resultLabel: "未发现问题",
                                    findings: [text], publishedOn: "2024-06-20")
        let out = try Self.redactor().redact(own)
        #expect(out.creditCode == code && out.findings == [text])
    }

    @Test("invisible characters cannot hide a name or a number")
    func invisibleCharacters() throws {
        let r = try Self.redactor()
        #expect(r.redact("负责人白\u{200B}芳") == "负责人白某")
        #expect(r.redact("L\u{200D}i Na") == "***")
        let split = String(Self.badCheckID.prefix(9)) + "\u{2060}" + String(Self.badCheckID.dropFirst(9))
        #expect(r.redact(split) == Redactor.idReplacement)
        #expect(r.redact("电话\u{202E}13812345678") == "电话\(Redactor.phoneReplacement)")
    }
}
