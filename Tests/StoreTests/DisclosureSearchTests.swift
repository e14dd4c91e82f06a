import Testing
@testable import Store

/// Public search over published records (SPEC.md §12, §13): served from
/// the index, the same on every backend.
@Suite("Store: disclosure search from the index")
struct DisclosureSearchTests {
    let county = County.kuancheng
    var j: String { county.code }

    static let names = ["宽城第一小学食堂", "宽城镇满族中学食堂", "峪耳崖小学食堂", "宽城县人民医院", "ＡＢＣ超市（宽城店）",
                        "100%纯净水厂", "a_b 餐饮店", "宽城第二小学食堂"]

    /// A draw of one task per name, each disclosed once on its own day;
    /// even tasks evaluated by education, odd ones by fire_rescue.
    func seed(_ store: Store) throws {
        try store.recordPlanVersion(county.plan(), by: County.clerk)
        let tasks = Self.names.indices.map { i -> TaskRecord in
            var t = county.task(i + 1)
            t.entityName = Self.names[i]
            return t
        }
        try store.recordDraw(county.draw(), tasks: tasks, by: County.command)
        for i in Self.names.indices {
            var s = county.submission("s\(i + 1)", task: i + 1)
            if i % 2 == 1 { s.department = "fire_rescue"; s.checklist = County.fire }
            _ = try store.submit(county.evaluated(s), by: County.command)
            var d = county.disclosure(task: i + 1, resultCode: i % 3 == 0 ? "problem" : "compliant",
                                      publishedOn: "2024-06-\(String(format: "%02d", i + 1))")
            d.entityName = Self.names[i]
            d.creditCode = "91130827MA0\(String(format: "%07d", i + 1))"
            try store.recordDisclosure(d, by: County.command)
        }
    }

    func names(_ page: DisclosurePage) -> [String] { page.records.map(\.entityName) }

    @Test("a name fragment finds every current record holding it, newest first", arguments: StoreFixture.all)
    func fragments(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        try seed(t.store)
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "小学"))) == ["宽城第二小学食堂", "峪耳崖小学食堂", "宽城第一小学食堂"])
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "宽城第"))) == ["宽城第二小学食堂", "宽城第一小学食堂"])
        // spaces, full-width letters and case do not matter
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "宽城 第一"))) == ["宽城第一小学食堂"])
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "abc超市"))) == ["ＡＢＣ超市（宽城店）"])
        // LIKE's wildcards are plain characters
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "0%纯"))) == ["100%纯净水厂"])
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "a_b"))) == ["a_b 餐饮店"])
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "ab"))) == ["ＡＢＣ超市（宽城店）"])
        // one character is too little to search by; a fragment nobody has finds nothing
        #expect(try t.store.searchDisclosures(DisclosureQuery(text: "宽")).records.isEmpty)
        #expect(try t.store.searchDisclosures(DisclosureQuery(text: "火锅")).records.isEmpty)
    }

    @Test("a credit code or its beginning finds its records", arguments: StoreFixture.all)
    func creditCodes(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        try seed(t.store)
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "91130827MA00000003"))) == ["峪耳崖小学食堂"])
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "91130827ma00000003"))) == ["峪耳崖小学食堂"])
        #expect(try t.store.searchDisclosures(DisclosureQuery(text: "91130827MA0000000")).records.count == 8)
        #expect(try t.store.searchDisclosures(DisclosureQuery(text: "91130827MA00000009")).records.isEmpty)
        // A prefix most records share is found walking the newest records: the same answer, page by page.
        var common = DisclosureQuery(text: "91130827MA0000000", perPage: 3)
        common.selectiveCodeMatches = 2
        let first = try t.store.searchDisclosures(common)
        #expect(names(first) == [Self.names[7], Self.names[6], Self.names[5]] && first.hasMore)
        common.page = 3
        #expect(names(try t.store.searchDisclosures(common)) == [Self.names[1], Self.names[0]])
        common.text = "91130827MA00000003"
        common.page = 1
        #expect(names(try t.store.searchDisclosures(common)) == ["峪耳崖小学食堂"])
    }

    @Test("filters by plan, result, department, jurisdiction and publication date", arguments: StoreFixture.all)
    func filters(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        try seed(t.store)
        let s = t.store
        #expect(names(try s.searchDisclosures(DisclosureQuery(result: "problem"))) == [Self.names[6], Self.names[3], Self.names[0]])
        #expect(names(try s.searchDisclosures(DisclosureQuery(department: "fire_rescue"))) == [7, 5, 3, 1].map { Self.names[$0] })
        #expect(names(try s.searchDisclosures(DisclosureQuery(text: "小学", department: "education"))) == ["峪耳崖小学食堂", "宽城第一小学食堂"])
        #expect(names(try s.searchDisclosures(DisclosureQuery(from: "2024-06-03", to: "2024-06-04"))) == [Self.names[3], Self.names[2]])
        #expect(try s.searchDisclosures(DisclosureQuery(plan: "another-plan")).records.isEmpty)
        #expect(try s.searchDisclosures(DisclosureQuery(jurisdiction: County.changli.code)).records.isEmpty)
        #expect(try s.searchDisclosures(DisclosureQuery(jurisdiction: j)).records.count == 8)
    }

    @Test("pages of a fixed size say whether more follow", arguments: StoreFixture.all)
    func paging(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        try seed(t.store)
        let first = try t.store.searchDisclosures(DisclosureQuery(page: 1, perPage: 3))
        let third = try t.store.searchDisclosures(DisclosureQuery(page: 3, perPage: 3))
        #expect(names(first) == [7, 6, 5].map { Self.names[$0] } && first.hasMore)
        #expect(names(third) == [1, 0].map { Self.names[$0] } && !third.hasMore)
    }

    @Test("a republished task is found once, as now published; the index rebuilt finds the same", arguments: StoreFixture.all)
    func republishedAndRebuilt(_ fixture: StoreFixture) throws {
        let t = try fixture.make()
        defer { t.discard() }
        try seed(t.store)
        var changed = county.disclosure(task: 1, resultCode: "compliant", publishedOn: "2024-06-20")
        changed.entityName = "宽城第一小学新食堂"
        changed.recordJSON = #"{"changed":true}"#
        try t.store.recordDisclosure(changed, by: County.command)
        let found = try t.store.searchDisclosures(DisclosureQuery(text: "小学"))
        #expect(names(found) == ["宽城第一小学新食堂", "宽城第二小学食堂", "峪耳崖小学食堂"])
        #expect(try t.store.searchDisclosures(DisclosureQuery(text: "一小学食堂")).records.isEmpty)
        try t.store.backend.write { tx in try DisclosureIndex.rebuild(tx) }
        #expect(names(try t.store.searchDisclosures(DisclosureQuery(text: "小学"))) == names(found))
        #expect(try t.store.searchDisclosures(DisclosureQuery(result: "problem")).records.count == 2)
        try expectVerifies(t.store)
    }
}
