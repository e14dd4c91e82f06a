import Foundation
import Testing
@testable import Disclosure

/// Plants personal data everywhere, redacts, renders all three formats and
/// searches the output.
@Suite("Disclosure output")
struct DisclosureOutputTests {
    static let names = ["王小明", "欧阳娜娜", "李雷", "司马光明", "John Smith"]
    static let idX = Reference.id18(area: "110105", birth: "19491231") { $0 == "X" }
    static let idLowerX = Reference.id18(area: "130827", birth: "19850315") { $0 == "X" }.lowercased()
    static let idDigit = Reference.id18(area: "440305", birth: "20011107") { $0.isNumber }
    static let id15 = "130827850315123"
    static let phones = ["13812345678", "+86 139-1234-5678", "0335-7654321", "010-87654321", "(0311)87654321"]
    static var ids: [String] { [idX, idLowerX, idDigit, id15] }
    static var planted: [String] { names + ids + phones }

    /// An all-digit credit code (valid under GB 32100) that is declared in `keep`.
    static let digitCreditCode: String = {
        for n in 0..<100_000 {
            let body = String(format: "%08d", n + 10_000_000)
            let org = Reference.orgCheck(body)
            guard org.isNumber else { continue }
            let first17 = "92130827" + body + String(org)
            let check = Reference.creditCheck(first17)
            if check.isNumber { return first17 + String(check) }
        }
        fatalError("no all-digit credit code found")
    }()

    static let clean = [
        ("宽城满族自治县第一中学", "12130827MB0000001X"),
        ("宽城县清真牛肉面馆", "92130827MA0ABCDE1K"),
        ("宽城县东方便利店", digitCreditCode),
    ]

    static func records() -> [PublicationRecord] {
        let (a, b, c) = (clean[0], clean[1], clean[2])
        return [
            PublicationRecord(
                entityName: a.0, creditCode: a.1, planID: "2024-kuancheng-school-canteens",
                planTitle: "2024年学校食堂联合抽查（联系人王小明 \(phones[0])）",
                departments: ["宽城县教育局", "宽城县市场监督管理局（欧阳娜娜）"], inspectedOn: "2024-06-12",
                resultCode: "A", resultLabel: "发现问题待后续处理",
                findings: ["食堂负责人王小明（身份证\(idX)）未能提供健康证明",
                           "厨师李雷，身份证号\(idLowerX)，电话\(phones[1])",
                           "冷藏温度 9.5℃，高于 8℃, \"超温\"\n已拍照"],
                referrals: ["移送宽城县消防救援大队（联系人 John Smith，\(phones[2])）"],
                publishedOn: "2024-06-20", disclosureDue: "2024-07-10", tone: "serious"),
            PublicationRecord(
                entityName: b.0, creditCode: b.1, planID: "2023-changli-halal-food",
                planTitle: "2023年清真食品领域跨部门联合抽查", departments: ["民族宗教事务局", "市场监督管理局"],
                inspectedOn: "2023-11-07", resultCode: "B",
                resultLabel: "发现问题已责令改正（经营者司马光明 \(phones[3])）",
                findings: ["经营者司马光明（旧身份证\(id15)）现场整改", "备用电话\(phones[4])，证件\(idDigit)"],
                referrals: nil, publishedOn: "2023-11-20"),
            PublicationRecord(
                entityName: c.0, creditCode: c.1, planID: "2023-changli-halal-food",
                planTitle: "2023年清真食品领域跨部门联合抽查", departments: ["市场监督管理局"],
                inspectedOn: "2023-11-08", resultCode: "N", resultLabel: "未发现问题",
                findings: ["主体代码\(c.1)与营业执照一致", "店员 John Smith（JOHN SMITH）留座机\(phones[2])"],
                referrals: [], publishedOn: "2023-11-20", tone: "clear"),
        ]
    }

    static func redactor() throws -> Redactor {
        try Redactor(rules: [.idCardNumbers, .phoneNumbers, .personNames(names)],
                     keep: clean.map(\.1), today: fixedToday)
    }

    static func outputs(_ records: [PublicationRecord]) -> [(String, String)] {
        [("json", DisclosureRenderer.json(records)),
         ("csv", DisclosureRenderer.csv(records)),
         ("html", DisclosureRenderer.html(title: "宽城县“双随机、一公开”抽查结果公示", records: records, generatedOn: "2024-06-30"))]
    }

    @Test("the test data really contains what it plants, and unredacted output shows it")
    func plantedIsThere() throws {
        #expect(!Reference.isCreditCode(Self.idDigit))
        #expect(Reference.isCreditCode(Self.digitCreditCode))
        for (format, out) in Self.outputs(Self.records()) {
            for value in Self.planted {
                #expect(out.contains(value), "\(format) should contain \(value) before redaction")
            }
        }
    }

    @Test("no planted name, ID number or phone number survives in JSON, CSV or HTML")
    func nothingLeaks() throws {
        let (redacted, report) = try Self.redactor().redact(Self.records())
        #expect(report.idCardNumbers == 4)
        #expect(report.phoneNumbers == 6)
        #expect(report.personNames == 9)
        for (format, out) in Self.outputs(redacted) {
            for value in Self.planted {
                #expect(!out.lowercased().contains(value.lowercased()), "\(format) leaks \(value)")
                let digits = value.filter(\.isNumber)
                if digits.count >= 7 { #expect(!out.contains(digits), "\(format) leaks \(digits)") }
            }
            for (name, code) in Self.clean {
                #expect(out.contains(name), "\(format) lacks \(name)")
                #expect(out.contains(code), "\(format) lacks \(code)")
            }
            for pseudonym in ["王某", "欧阳某", "李某", "司马某", "***", Redactor.idReplacement, Redactor.phoneReplacement] {
                #expect(out.contains(pseudonym), "\(format) lacks \(pseudonym)")
            }
        }
    }

    @Test("JSON: pretty, sorted snake_case keys, UTF-8 text as is, decodes back")
    func json() throws {
        let records = Self.records()
        let out = DisclosureRenderer.json(records)
        let decoded = try JSONDecoder().decode([PublicationRecord].self, from: Data(out.utf8))
        #expect(decoded == records)
        #expect(out.hasPrefix("[\n  {\n    \"credit_code\" : \"12130827MB0000001X\",\n"))
        #expect(out.contains("\"entity_name\" : \"宽城满族自治县第一中学\""))
        let keys = ["credit_code", "departments", "disclosure_due", "entity_name", "findings", "inspected_on",
                    "plan_id", "plan_title", "published_on", "referrals", "result_code", "result_label"]
        let firstObject = String(out[..<out.range(of: "\n  },")!.lowerBound])
        let positions = keys.map { firstObject.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
        // nil disclosure_due is omitted, not null
        #expect(!out.contains("null"))
    }

    @Test("CSV: BOM, Chinese header, RFC 4180 quoting round-trips commas, quotes and newlines")
    func csv() throws {
        let records = Self.records()
        let out = DisclosureRenderer.csv(records)
        #expect(out.hasPrefix("\u{FEFF}主体名称,统一社会信用代码,抽查计划,检查部门,检查日期,抽查结果,发现的问题,公示日期\r\n"))
        #expect(Array(out.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = parseCSV(String(out.dropFirst()))
        try #require(rows.count == 4)
        #expect(rows[0] == DisclosureRenderer.csvHeader)
        for (row, record) in zip(rows.dropFirst(), records) {
            #expect(row == DisclosureRenderer.csvRow(record))
            #expect(row[0] == record.entityName && row[1] == record.creditCode && row[7] == record.publishedOn)
        }
        #expect(rows[1][6].contains("8℃, \"超温\"\n已拍照"))
        #expect(rows[1][3] == "宽城县教育局、宽城县市场监督管理局（欧阳娜娜）")

        let tricky = PublicationRecord(
            entityName: "甲,乙\"丙\"\r\n丁", creditCode: "\"", planID: "x", planTitle: ",", departments: ["a,b", "c"],
            inspectedOn: "2024-01-02", resultCode: "A", resultLabel: "\n", findings: ["one", "two, \"2\""],
            publishedOn: "")
        let parsed = parseCSV(String(DisclosureRenderer.csv([tricky]).dropFirst()))
        try #require(parsed.count == 2)
        #expect(parsed[1] == ["甲,乙\"丙\"\r\n丁", "\"", ",", "a,b、c", "2024-01-02", "\n", "one\ntwo, \"2\"", ""])
        #expect(DisclosureRenderer.csv([tricky]).contains("\"甲,乙\"\"丙\"\"\r\n丁\""))
    }

    @Test("HTML: Chinese, self-contained, searchable, values escaped")
    func html() throws {
        var records = Self.records()
        records[1].entityName = "<script>alert('x')</script>&\"餐饮\""
        records[1].findings.append("<img src=x onerror=alert(1)>")
        let out = DisclosureRenderer.html(title: "公示 <b>2024</b>", records: records, generatedOn: "2024-06-30")
        #expect(out.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(out.contains("<meta charset=\"utf-8\">"))
        #expect(out.contains("<title>公示 &lt;b&gt;2024&lt;/b&gt;</title>"))
        // the planted markup appears only escaped
        #expect(!out.contains("<script>alert"))
        #expect(!out.contains("<img"))
        #expect(!out.contains("<b>2024"))
        #expect(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;餐饮&quot;"))
        #expect(out.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(out.components(separatedBy: "<script>").count == 2)  // only the page's own script
        #expect(out.components(separatedBy: "</script>").count == 2)
        // no external resources
        for external in ["http://", "https://", "src=\"", "<link", "@import", "url("] {
            #expect(!out.contains(external), "\(external)")
        }
        // the search box and the per-row search key (entity name and credit code, lower-cased)
        #expect(out.contains("<input id=\"q\" type=\"search\""))
        #expect(out.contains("data-key=\"宽城县东方便利店&#10;\(Self.digitCreditCode)\""))
        #expect(out.contains("data-key=\"宽城满族自治县第一中学&#10;12130827mb0000001x\""))
        #expect(out.contains("getAttribute('data-key').indexOf(needle)"))
        // one row per record, result categories highlighted
        #expect(out.components(separatedBy: "<tr data-key=").count == records.count + 1)
        #expect(out.contains("<span class=\"result tone-serious\">发现问题待后续处理</span>"))
        #expect(out.contains("<span class=\"result tone-clear\">未发现问题</span>"))
        #expect(out.contains("<th>移送处理</th>"))
    }

    @Test("the tone shown is the record's, from the rule files, never guessed from the label")
    func tonesComeFromTheRecord() {
        var r = Self.records()[2]
        r.resultTone = "serious"
        let out = DisclosureRenderer.html(title: "t", records: [r], generatedOn: "2024-06-30")
        #expect(out.contains("<span class=\"result tone-serious\">\(r.resultLabel)</span>"))
        #expect(!out.contains("class=\"result tone-clear\""))
    }

    @Test("HTML without referrals has no referral column; an empty list renders")
    func htmlEmpty() {
        let out = DisclosureRenderer.html(title: "t", records: [], generatedOn: "2024-06-30")
        #expect(!out.contains("移送处理"))
        #expect(out.contains("共 0 条记录"))
        #expect(out.hasSuffix("</html>\n"))
    }
}
