import Testing
@testable import Disclosure

@Suite("Redactor")
struct RedactorTests {
    let all: [RedactionRule] = [.idCardNumbers, .phoneNumbers, .personNames(["王小明", "欧阳娜娜", "李雷", "John Smith"])]

    func redactor(keep: [String] = [], rules: [RedactionRule]? = nil) throws -> Redactor {
        try Redactor(rules: rules ?? all, keep: keep, today: fixedToday)
    }

    @Test("names of natural persons: surname + 某, compound surnames whole, others ***")
    func pseudonyms() {
        #expect(Redactor.pseudonym(for: "王小明") == "王某")
        #expect(Redactor.pseudonym(for: "李雷") == "李某")
        #expect(Redactor.pseudonym(for: "欧阳娜娜") == "欧阳某")
        #expect(Redactor.pseudonym(for: "司马光") == "司马某")
        #expect(Redactor.pseudonym(for: "诸葛亮") == "诸葛某")
        #expect(Redactor.pseudonym(for: "夏侯惇") == "夏侯某")
        #expect(Redactor.pseudonym(for: "王诸葛亮") == "王某")
        #expect(Redactor.pseudonym(for: "John Smith") == "***")
        #expect(Redactor.pseudonym(for: "阿卜杜拉·买买提") == "***")
        #expect(Redactor.pseudonym(for: "王") == "***")
        #expect(Redactor.pseudonym(for: "爱新觉罗溥仪") == "***")
    }

    @Test("every occurrence of a declared name is replaced; Latin names case-insensitively")
    func names() throws {
        var report = RedactionReport()
        let out = try redactor().redact("负责人王小明称，王小明与欧阳娜娜、JOHN SMITH共同经营；李雷未到场。", report: &report)
        #expect(out == "负责人王某称，王某与欧阳某、***共同经营；李某未到场。")
        #expect(report == RedactionReport(personNames: 5))
    }

    @Test("ID numbers: 18 digits with X, x or a digit, 15 digits, spaced; the whole number goes")
    func ids() throws {
        let upper = Reference.id18(area: "110105", birth: "19491231") { $0 == "X" }
        let lower = Reference.id18(area: "130827", birth: "19850315") { $0 == "X" }.lowercased()
        let digit = Reference.id18(area: "440305", birth: "20011107") { $0.isNumber }
        let old = "130827850315123"
        let spaced = Reference.id18(area: "320102", birth: "19700101") { _ in true }
        let spacedText = spaced.prefix(6) + " " + spaced.dropFirst(6).prefix(8) + " " + spaced.suffix(4)
        let text = "身份证号\(upper)，另\(lower)；ID:\(digit)。旧证\(old)，\(spacedText)"
        var report = RedactionReport()
        let out = try redactor().redact(text, report: &report)
        let r = Redactor.idReplacement
        #expect(out == "身份证号\(r)，另\(r)；ID:\(r)。旧证\(r)，\(r)")
        #expect(report == RedactionReport(idCardNumbers: 5))
    }

    @Test("full-width digits are found too")
    func fullWidth() throws {
        let id = Reference.id18(area: "110105", birth: "19800101") { _ in true }
        let wide = String(String.UnicodeScalarView(id.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
        let out = try redactor().redact("证件号：\(wide)，电话：１３７１２３４５６７８")
        #expect(out == "证件号：\(Redactor.idReplacement)，电话：\(Redactor.phoneReplacement)")
    }

    @Test("digit strings without the shape of an ID are left alone; a wrong check character is still an ID")
    func invalidIDs() throws {
        let good = Reference.id18(area: "130827", birth: "19850315") { $0.isNumber }
        var badCheck = Array(good)
        badCheck[17] = badCheck[17] == "0" ? "1" : "0"
        let badDate = Reference.id18(area: "130827", birth: "19850231") { _ in true }
        let future = Reference.id18(area: "130827", birth: "20300101") { _ in true }
        let badProvince = Reference.id18(area: "000827", birth: "19850315") { _ in true }
        let old15BadDate = "130827851332123"
        for s in [badDate, future, badProvince, old15BadDate] {
            let text = "编号\(s)号"
            #expect(try redactor().redact(text) == text, "\(s)")
        }
        // the valid one and the one with a wrong check character are
        // redacted, so the check above is not vacuous
        #expect(try redactor().redact("编号\(good)号") == "编号\(Redactor.idReplacement)号")
        #expect(try redactor().redact("编号\(String(badCheck))号") == "编号\(Redactor.idReplacement)号")
    }

    @Test("an ID or phone inside a longer digit run is not partly cut")
    func digitBoundaries() throws {
        let id = Reference.id18(area: "130827", birth: "19850315") { $0.isNumber }
        let old = "130827850315123"
        for text in ["账号8\(id)5", "账号\(id)7", "账号1\(id)", "流水号9\(old)", "订单\(old)42",
                     "卡号6213812345678", "编号138123456789", "单号90335765432100"] {
            var report = RedactionReport()
            #expect(try redactor().redact(text, report: &report) == text, "\(text)")
            #expect(report.total == 0)
        }
        #expect(try redactor().redact("账号-\(id)-") == "账号-\(Redactor.idReplacement)-")
    }

    @Test("mobile and landline numbers in their usual spellings")
    func phones() throws {
        let cases = ["13812345678", "+86 139-1234-5678", "+8615012345678", "86 186 1234 5678", "0086-17712345678",
                     "(+86)13312345678", "0335-7654321", "010-87654321", "031187654321", "(0335)7123456", "021 62345678"]
        for phone in cases {
            var report = RedactionReport()
            #expect(try redactor().redact("联系电话：\(phone)。") == "联系电话：\(Redactor.phoneReplacement)。", "\(phone)")
            _ = try redactor().redact("联系电话：\(phone)。", report: &report)
            #expect(report == RedactionReport(phoneNumbers: 1), "\(phone)")
        }
        // 12 is not a mobile prefix, and a date is no landline
        for text in ["编号12812345678", "2024-06-12", "抽查比例5%，共 125 户"] {
            #expect(try redactor().redact(text) == text)
        }
    }

    @Test("kept strings are never touched, even when they contain a name or look like an ID")
    func keep() throws {
        // An all-digit code that is a valid ID number but not a credit code.
        let idLike = Reference.id18(area: "130827", birth: "19850315") { $0.isNumber }
        #expect(!Reference.isCreditCode(idLike))
        let text = "王小明餐饮店（\(idLike)）负责人王小明"
        #expect(try redactor().redact(text) == "王某餐饮店（\(Redactor.idReplacement)）负责人王某")
        let kept = try redactor(keep: ["王小明餐饮店", idLike]).redact(text)
        #expect(kept == "王小明餐饮店（\(idLike)）负责人王某")
    }

    @Test("a credit code passing GB 32100 that also reads as an ID number survives only when kept")
    func creditCodeLookingLikeID() throws {
        // Search an all-digit string that is both a valid ID and a valid credit code.
        var both: String?
        search: for day in 1...28 {
            for seq in 0..<1000 {
                let first17 = "13082719850" + "3" + String(format: "%02d", day) + String(format: "%03d", seq)
                let id = Reference.id18(first17)
                if id.last!.isNumber, Reference.isCreditCode(id) { both = id; break search }
            }
        }
        let code = try #require(both)
        #expect(ResidentIDNumber.isValid(code, today: fixedToday))
        #expect(try redactor(keep: [code]).redact("统一社会信用代码\(code)") == "统一社会信用代码\(code)")
        #expect(try redactor().redact("统一社会信用代码\(code)") == "统一社会信用代码\(Redactor.idReplacement)")
        // one that passes only mod 31 (not the organisation-code check) is treated as the ID it is
        var mod31Only: String?
        for seq in 0..<1000 {
            let id = Reference.id18("13082719850316" + String(format: "%03d", seq))
            if !Reference.isCreditCode(id), CreditCode.passesMod31(id), ResidentIDNumber.isValid(id, today: fixedToday) {
                mod31Only = id; break
            }
        }
        let idOnly = try #require(mod31Only)
        #expect(try redactor().redact("号码\(idOnly)") == "号码\(Redactor.idReplacement)")
    }

    @Test("declared patterns with templates; an invalid pattern is refused")
    func patterns() throws {
        let r = try redactor(rules: [.pattern("车牌([京津冀])[A-Z][A-Z0-9]{5}", replacement: "车牌$1*****"),
                                     .pattern("微信号[:：]\\S+", replacement: "微信号已隐去")])
        var report = RedactionReport()
        #expect(r.redact("送货车车牌冀C12345，微信号：wxid_abc123", report: &report) == "送货车车牌冀*****，微信号已隐去")
        #expect(report.patterns == 2)
        #expect(throws: RedactionError.self) { try Redactor(rules: [.pattern("(unclosed", replacement: "")]) }
    }

    @Test("rules not declared are not applied")
    func onlyDeclared() throws {
        let id = Reference.id18(area: "110105", birth: "19491231") { _ in true }
        let text = "王小明 \(id) 13812345678"
        #expect(try redactor(rules: [.phoneNumbers]).redact(text) == "王小明 \(id) \(Redactor.phoneReplacement)")
        #expect(try redactor(rules: [.idCardNumbers]).redact(text) == "王小明 \(Redactor.idReplacement) 13812345678")
        #expect(try redactor(rules: [.personNames(["王小明"])]).redact(text) == "王某 \(id) 13812345678")
    }

    @Test("a record: every free-text field redacted, its codes and its own credit code kept, reports summed")
    func record() throws {
        // A 15-digit registration number that reads like a first-generation ID.
        let regNo = "130827600123456"
        #expect(ResidentIDNumber.isValid(regNo, today: fixedToday))
        let rec = PublicationRecord(
            entityName: "宽城县王小明小吃店", creditCode: regNo, planID: "p-13812345678", planTitle: "计划 李雷",
            departments: ["市场监管局（联系人欧阳娜娜 0335-7654321）"], inspectedOn: "2024-06-12",
            resultCode: "B", resultLabel: "发现问题已责令改正", findings: ["经营者王小明无健康证，注册号\(regNo)"],
            referrals: ["移送县公安局，报案人李雷 13912345678"], publishedOn: "2024-06-20", disclosureDue: "2024-07-10")
        var report = RedactionReport()
        let out = try redactor().redact(rec, report: &report)
        #expect(out.entityName == "宽城县王某小吃店")
        #expect(out.creditCode == regNo)
        #expect(out.planID == "p-13812345678", "an id is not free text: it is never rewritten")
        #expect(out.planTitle == "计划 李某")
        #expect(out.departments == ["市场监管局（联系人欧阳某 \(Redactor.phoneReplacement)）"])
        #expect(out.findings == ["经营者王某无健康证，注册号\(regNo)"])
        #expect(out.referrals == ["移送县公安局，报案人李某 \(Redactor.phoneReplacement)"])
        #expect(out.inspectedOn == "2024-06-12" && out.publishedOn == "2024-06-20" && out.disclosureDue == "2024-07-10")
        #expect(report == RedactionReport(phoneNumbers: 2, personNames: 5))
        // the same registration number in free text, not the record's own code, is redacted
        #expect(try redactor().redact("注册号\(regNo)") == "注册号\(Redactor.idReplacement)")
        let (records, total) = try redactor().redact([rec, rec])
        #expect(records == [out, out])
        #expect(total == RedactionReport(phoneNumbers: 4, personNames: 10))
    }
}
