/// Why the calendar refused to answer. A deadline computed on a year whose
/// holidays are unknown would be silently wrong by up to a week, so the
/// calendar says so instead of assuming "weekends only".
///
/// Each message exists in Chinese (`zh`) and English (`en`), one language
/// per text, so that a caller prints the user's language only; this module
/// has no dependencies, so it cannot use `Messages.LocalizedText` itself.
public enum WorkingDayCalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The date's year has no holiday data loaded (`Rules/calendar/<year>.yaml`).
    case dateOutOfRange(CivilDate, coveredYears: [Int])
    /// Two data sets were given for the same year.
    case duplicateYear(Int)
    /// A make-up working day that is not a Saturday or Sunday: the data is wrong.
    case makeupDayNotWeekend(CivilDate, year: Int)
    /// A day listed both as a day off and as a make-up working day.
    case dayBothOffAndWorking(CivilDate, year: Int)
    /// A date in a year's data that is far from that year (a typo like 2042-10-01).
    case dateOutsideYear(CivilDate, year: Int)
    /// A year outside `WorkingDayCalendar.supportedYears` (a typo, or a
    /// hostile `year: 9223372036854775807`).
    case yearNotSupported(Int)
    /// A count of working days beyond `WorkingDayCalendar.maxWorkingDayCount`.
    case workingDayCountOutOfRange(Int)

    /// The message in Chinese.
    public var zh: String {
        switch self {
        case let .dateOutOfRange(date, years):
            let covered = years.isEmpty ? "无" : years.map(String.init).joined(separator: "、")
            return "\(date) 不在工作日历覆盖的年份内（\(covered)）"
        case let .duplicateYear(year):
            return "\(year)年节假日数据重复"
        case let .makeupDayNotWeekend(date, year):
            return "\(year)年：调休上班日 \(date) 不是周六或周日"
        case let .dayBothOffAndWorking(date, year):
            return "\(year)年：\(date) 既是放假日又是调休上班日"
        case let .dateOutsideYear(date, year):
            return "\(year)年：日期 \(date) 不属于该年"
        case let .yearNotSupported(year):
            let range = WorkingDayCalendar.supportedYears
            return "年份 \(year) 超出工作日历支持的范围（\(range.lowerBound)—\(range.upperBound)年）"
        case let .workingDayCountOutOfRange(n):
            return "工作日数 \(n) 超出可计算的范围（绝对值不超过 \(WorkingDayCalendar.maxWorkingDayCount)）"
        }
    }

    /// The message in English.
    public var en: String {
        switch self {
        case let .dateOutOfRange(date, years):
            let covered = years.isEmpty ? "none" : years.map(String.init).joined(separator: ", ")
            return "\(date) is outside the years the working-day calendar covers (\(covered))"
        case let .duplicateYear(year):
            return "holiday data for \(year) given twice"
        case let .makeupDayNotWeekend(date, year):
            return "\(year): make-up working day \(date) is not a Saturday or Sunday"
        case let .dayBothOffAndWorking(date, year):
            return "\(year): \(date) is both a day off and a make-up working day"
        case let .dateOutsideYear(date, year):
            return "\(year): date \(date) does not belong to this year"
        case let .yearNotSupported(year):
            let range = WorkingDayCalendar.supportedYears
            return "year \(year) is outside the years the working-day calendar supports (\(range.lowerBound)–\(range.upperBound))"
        case let .workingDayCountOutOfRange(n):
            return "\(n) working days is beyond what can be counted (at most \(WorkingDayCalendar.maxWorkingDayCount) either way)"
        }
    }

    /// The message in the chosen language.
    public func message(chinese: Bool) -> String { chinese ? zh : en }

    /// Chinese, the project's default language (SPEC §10: one language per
    /// message); callers that know the user's choice use `message(chinese:)`.
    public var description: String { zh }
}
