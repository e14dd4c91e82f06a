/// A calendar date with no time and no time zone: 2024-10-01 is the same day
/// everywhere. Deadlines, inspection dates and registration dates are civil
/// dates in law, so the project never converts them through `Date` and a
/// time zone (which is how "off by one day" bugs happen).
///
/// Arithmetic goes through the day number since 1970-01-01 (the proleptic
/// Gregorian "days from civil" algorithm), so adding days is O(1).
public struct CivilDate: Sendable, Hashable, Comparable {
    // Stored in four bytes (years are 1…9999): directories hold a date or
    // two in each of millions of rows, and `DirectoryValue` is as large as
    // its largest case.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// 0001-01-01 and 9999-12-31: the dates whose text form is `YYYY-MM-DD`.
    public static let earliest = CivilDate(year: 1, month: 1, day: 1)!
    public static let latest = CivilDate(year: 9999, month: 12, day: 31)!
    /// The day numbers of `earliest` … `latest`: every arithmetic result is
    /// checked against them, so no computation can leave the four-digit years.
    public static let representableDayNumbers: ClosedRange<Int> =
        days(fromCivil: 1, 1, 1)...days(fromCivil: 9999, 12, 31)

    /// Returns nil when the triple is not a real date (e.g. 2023-02-29).
    /// Years are limited to 1...9999 so that the text form is always `YYYY-MM-DD`.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        storedYear = Int16(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    /// The date `dayNumber` days after 1970-01-01 (negative: before), or nil
    /// when that day is outside `representableDayNumbers`.
    public init?(checkedDayNumber dayNumber: Int) {
        guard CivilDate.representableDayNumbers.contains(dayNumber) else { return nil }
        let (y, m, d) = CivilDate.civil(fromDays: dayNumber)
        self.init(year: y, month: m, day: d)
    }

    /// The date `dayNumber` days after 1970-01-01 (negative: before).
    ///
    /// Saturates at `earliest` and `latest`: a day number from a hostile
    /// file must never trap on overflow nor make a date whose year has more
    /// than four digits. Use `init?(checkedDayNumber:)` to detect it.
    public init(dayNumber: Int) {
        let clamped = min(max(dayNumber, CivilDate.representableDayNumbers.lowerBound),
                          CivilDate.representableDayNumbers.upperBound)
        self.init(checkedDayNumber: clamped)!
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        CivilDate.days(fromCivil: year, month, day)
    }

    /// The date `days` days later (earlier when negative), or nil when it
    /// would fall outside 0001-01-01 … 9999-12-31. Never traps.
    public func advanced(byDays days: Int) -> CivilDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : CivilDate(checkedDayNumber: sum)
    }

    /// The date `days` days later (earlier when negative), saturating at
    /// `earliest` and `latest` instead of trapping; callers that must know
    /// use `advanced(byDays:)`.
    public func adding(days: Int) -> CivilDate {
        advanced(byDays: days) ?? (days < 0 ? .earliest : .latest)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int {
        other.dayNumber - dayNumber
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let r = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: r + 1)!
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's algorithms, valid for the whole proleptic Gregorian
    // range; only ever called with years 1…9999 (or their day numbers), where
    // no intermediate value comes near overflow.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
