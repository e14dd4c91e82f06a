import Directories
import Testing
import WorkingDays

@Suite struct DirectoryValueTests {
    @Test(arguments: [("true", true), ("FALSE", false), ("是", true), ("否", false), ("1", true), ("0", false),
                      ("yes", true), ("No", false), (" 是 ", true)])
    func booleans(_ text: String, _ expected: Bool) {
        #expect(DirectoryValue.parse(text, as: .bool) == .bool(expected))
    }

    @Test(arguments: ["2", "y", "对", "truee", "t"])
    func notBooleans(_ text: String) {
        #expect(DirectoryValue.parse(text, as: .bool) == nil)
    }

    @Test func numbers() {
        #expect(DirectoryValue.parse("1200", as: .int) == .int(1200))
        #expect(DirectoryValue.parse(" -3 ", as: .int) == .int(-3))
        #expect(DirectoryValue.parse("1.5", as: .int) == nil)
        #expect(DirectoryValue.parse("1,200", as: .int) == nil)
        #expect(DirectoryValue.parse("3.25", as: .double) == .double(3.25))
        #expect(DirectoryValue.parse("1e3", as: .double) == .double(1000))
        #expect(DirectoryValue.parse("nan", as: .double) == nil)
        #expect(DirectoryValue.parse("inf", as: .double) == nil)
        #expect(DirectoryValue.parse("0x10", as: .double) == nil)
        #expect(DirectoryValue.parse("1e999", as: .double) == nil)
    }

    @Test func datesListsAndStrings() {
        #expect(DirectoryValue.parse("2022-12-31", as: .date) == .date(CivilDate("2022-12-31")!))
        #expect(DirectoryValue.parse("2022/12/31", as: .date) == nil)
        #expect(DirectoryValue.parse("2022-02-30", as: .date) == nil)
        #expect(DirectoryValue.parse("a; b;;c;", as: .list) == .list(["a", "b", "c"]))
        #expect(DirectoryValue.parse(" 宽城镇 ", as: .string) == .string(" 宽城镇 "))
    }

    @Test func canonicalTextIsIndependentOfSpelling() {
        #expect(DirectoryValue.parse("是", as: .bool)?.canonicalText == "true")
        #expect(DirectoryValue.parse("a ; b", as: .list)?.canonicalText == "a;b")
        #expect(DirectoryValue.parse("2024-01-05", as: .date)?.canonicalText == "2024-01-05")
        #expect(DirectoryValue.int(7).intValue == 7 && DirectoryValue.int(7).stringValue == nil)
    }
}
