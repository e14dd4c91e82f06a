import Messages
import WorkingDays

extension WorkingDayCalendarError {
    /// The calendar's refusal in each language, never the two on one line.
    public var message: LocalizedText {
        switch self {
        case .dateOutOfRange(let date, let years):
            let covered = years.map(String.init).joined(separator: ", ")
            return LocalizedText(zh: "\(date) 不在节假日安排覆盖的年份内（\(covered.isEmpty ? "无" : covered)）",
                                 en: "\(date) is outside the years the calendar covers (\(covered.isEmpty ? "none" : covered))")
        case .duplicateYear(let year):
            return LocalizedText(zh: "\(year)年节假日安排重复", en: "the holidays of \(year) are given twice")
        case .makeupDayNotWeekend(let date, let year):
            return LocalizedText(zh: "\(year)年：调休上班日 \(date) 不是周六或周日", en: "\(year): make-up working day \(date) is not a Saturday or Sunday")
        case .dayBothOffAndWorking(let date, let year):
            return LocalizedText(zh: "\(year)年：\(date) 既是放假日又是调休上班日", en: "\(year): \(date) is both a day off and a make-up working day")
        case .dateOutsideYear(let date, let year):
            return LocalizedText(zh: "\(year)年：日期 \(date) 不属于该年", en: "\(year): date \(date) does not belong to this year")
        default:
            // A description written "English / 中文".
            let parts = description.components(separatedBy: " / ")
            return LocalizedText(zh: parts.last ?? description, en: parts.first ?? description)
        }
    }
}

extension WorkingDayCalendarError {
    /// The year of the calendar data the refusal concerns, if any.
    var year: Int? {
        switch self {
        case .duplicateYear(let y), .makeupDayNotWeekend(_, let y), .dayBothOffAndWorking(_, let y), .dateOutsideYear(_, let y): return y
        default: return nil
        }
    }
}
