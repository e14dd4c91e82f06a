import Foundation
import Testing
import WorkingDays

@Suite struct CivilDateTests {
    @Test func parsesAndPrintsTheIsoForm() throws {
        let d = try #require(CivilDate("2024-02-29"))
        #expect(d.year == 2024 && d.month == 2 && d.day == 29)
        #expect(d.description == "2024-02-29")
        #expect(CivilDate(year: 5, month: 1, day: 9)?.description == "0005-01-09")
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-05",
                      "24-01-05", "2024/01/05", "2024-01-05 ", "", "abcd-ef-gh", "２０２４-01-05"])
    func rejectsMalformedOrImpossibleDates(_ text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test func dayArithmeticCrossesMonthsYearsAndLeapDays() throws {
        let d = try #require(CivilDate("2023-12-31"))
        #expect(d.adding(days: 1).description == "2024-01-01")
        #expect(CivilDate("2024-02-28")!.adding(days: 1).description == "2024-02-29")
        #expect(CivilDate("2024-03-01")!.adding(days: -1).description == "2024-02-29")
        #expect(CivilDate("1970-01-01")!.dayNumber == 0)
        #expect(CivilDate("2000-03-01")!.dayNumber == 11_017)
        #expect(CivilDate("2024-01-01")!.days(until: CivilDate("2025-01-01")!) == 366)
    }

    @Test func roundTripsEveryDayOverFourCenturies() {
        // 1900-01-01 … 2300-12-31 covers the 100- and 400-year leap rules.
        let start = CivilDate(year: 1900, month: 1, day: 1)!.dayNumber
        let end = CivilDate(year: 2300, month: 12, day: 31)!.dayNumber
        var previous = CivilDate(dayNumber: start - 1)
        for n in start...end {
            let d = CivilDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(previous < d)
            previous = d
        }
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
    }

    @Test func weekdays() {
        #expect(CivilDate("1970-01-01")!.weekday == .thursday)
        #expect(CivilDate("2024-09-27")!.weekday == .friday)
        #expect(CivilDate("2024-09-29")!.weekday == .sunday)
        #expect(CivilDate("2024-10-12")!.weekday == .saturday)
        #expect(CivilDate("2026-01-04")!.weekday == .sunday)
        #expect(CivilDate("1969-12-29")!.weekday == .monday)
        #expect(Weekday.saturday.isWeekend && !Weekday.friday.isWeekend)
    }

    @Test func comparesChronologically() {
        let dates = ["2024-10-01", "2023-12-31", "2024-02-01", "2024-01-31"].compactMap(CivilDate.init)
        #expect(dates.sorted().map(\.description) == ["2023-12-31", "2024-01-31", "2024-02-01", "2024-10-01"])
    }

    @Test func codableAsString() throws {
        let data = try JSONEncoder().encode([CivilDate("2024-10-10")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-10-10"]"#)
        let back = try JSONDecoder().decode([CivilDate].self, from: data)
        #expect(back == [CivilDate("2024-10-10")!])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2024-02-30"]"#.utf8))
        }
    }
}
