import Foundation
import Testing
import WorkingDays
import Yams

/// The real data in `Rules/calendar/*.yaml`, decoded the way the rule loader does (Yams).
@Suite struct CalendarFilesTests {
    static let calendarDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules/calendar")

    static func loadYears() throws -> [HolidayYear] {
        let files = try FileManager.default.contentsOfDirectory(atPath: calendarDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return try files.map { name in
            let text = try String(contentsOf: calendarDirectory.appendingPathComponent(name), encoding: .utf8)
            let year = try YAMLDecoder().decode(HolidayYear.self, from: text)
            #expect(name == "\(year.year).yaml", "file name must be the year")
            return year
        }
    }

    func d(_ s: String) -> CivilDate { CivilDate(s)! }

    @Test func everyYearFrom2023To2026LoadsAndIsConsistent() throws {
        let years = try Self.loadYears()
        #expect(years.map(\.year) == [2023, 2024, 2025, 2026])
        for y in years {
            #expect(y.source?.contains("国务院办公厅关于\(y.year)年部分节假日安排的通知") == true)
            #expect(y.holidays.count >= 6)
        }
        let cal = try WorkingDayCalendar(years: years)   // validates weekends, clashes
        #expect(cal.coveredYears == [2023, 2024, 2025, 2026])
    }

    @Test func nationalDay2024FiveWorkingDaysAfterFriday0927IsThursday1010() throws {
        let cal = try WorkingDayCalendar(years: Self.loadYears())
        // 09-29 (Sun) make-up, 09-30 (Mon), 10-01…07 off, 10-08 (Tue), 10-09, 10-10.
        #expect(try cal.addingWorkingDays(5, to: d("2024-09-27")) == d("2024-10-10"))
        #expect(try cal.workingDays(from: d("2024-09-27"), to: d("2024-10-10")) == 5)
        #expect(try cal.isWorkingDay(d("2024-09-29")))
        #expect(try !cal.isWorkingDay(d("2024-10-07")))
        #expect(cal.holidayName(on: d("2024-10-03")) == "国庆节")
    }

    @Test func makeupSaturdayCounts() throws {
        let cal = try WorkingDayCalendar(years: Self.loadYears())
        #expect(try cal.isWorkingDay(d("2024-10-12")))
        #expect(try cal.addingWorkingDays(1, to: d("2024-10-11")) == d("2024-10-12"))
        #expect(try cal.addingWorkingDays(1, to: d("2025-10-10")) == d("2025-10-11"))
        #expect(try !cal.isWorkingDay(d("2024-10-19")))   // an ordinary Saturday
    }

    @Test func springFestival() throws {
        let cal = try WorkingDayCalendar(years: Self.loadYears())
        // 2024: 除夕 02-09 is a working day; 02-10…17 off; Sunday 02-18 is worked.
        #expect(try cal.addingWorkingDays(1, to: d("2024-02-08")) == d("2024-02-09"))
        #expect(try cal.addingWorkingDays(2, to: d("2024-02-08")) == d("2024-02-18"))
        #expect(try cal.addingWorkingDays(2, to: d("2024-02-04")) == d("2024-02-06"))
        // 2025: 01-28…02-04 off, Sunday 01-26 and Saturday 02-08 worked.
        #expect(try cal.addingWorkingDays(1, to: d("2025-01-24")) == d("2025-01-26"))
        #expect(try cal.addingWorkingDays(1, to: d("2025-01-27")) == d("2025-02-05"))
        #expect(try cal.workingDays(from: d("2025-01-27"), to: d("2025-02-08")) == 4)
        // 2023: 01-21…27 off, weekend 01-28/29 worked.
        #expect(try cal.addingWorkingDays(2, to: d("2023-01-20")) == d("2023-01-29"))
    }

    @Test func weekendsAcrossTheYearBoundary() throws {
        let cal = try WorkingDayCalendar(years: Self.loadYears())
        // Fri 2023-12-29 → Sat, Sun, 元旦 Mon 2024-01-01 → Tue 01-02.
        #expect(try cal.addingWorkingDays(1, to: d("2023-12-29")) == d("2024-01-02"))
        // 2026 元旦 Thu–Sat off, Sunday 01-04 worked.
        #expect(try cal.addingWorkingDays(1, to: d("2025-12-31")) == d("2026-01-04"))
    }

    @Test func yearsWithoutDataAreRefused() throws {
        let cal = try WorkingDayCalendar(years: Self.loadYears())
        #expect(throws: WorkingDayCalendarError.self) { try cal.isWorkingDay(d("2027-01-04")) }
        #expect(throws: WorkingDayCalendarError.self) { try cal.isWorkingDay(d("2022-12-30")) }
        #expect(throws: WorkingDayCalendarError.self) { try cal.addingWorkingDays(5, to: d("2026-12-29")) }
    }

    @Test func holidayDecodingRejectsAmbiguousShapes() {
        let both = "year: 2030\nholidays:\n  - name: x\n    days: [2030-01-01]\n    from: 2030-01-01\n    to: 2030-01-02\n"
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(HolidayYear.self, from: both) }
        let reversed = "year: 2030\nholidays:\n  - name: x\n    from: 2030-01-03\n    to: 2030-01-01\n"
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(HolidayYear.self, from: reversed) }
        let badDate = "year: 2030\nmakeup_workdays: [2030-02-30]\n"
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(HolidayYear.self, from: badDate) }
    }
}
