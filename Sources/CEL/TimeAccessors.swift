import Foundation

/// The timestamp and duration accessors (`getFullYear`, `getHours`, …). A
/// timestamp accessor takes an optional time zone: an IANA name such as
/// `Asia/Shanghai` or a fixed offset such as `+08:00`.
enum TimeAccessors {
    static let all: [String: StandardFunctions.Implementation] = [
        "getFullYear": timestamp("getFullYear") { c, _ in c.year },
        "getMonth": timestamp("getMonth") { c, _ in c.month - 1 },
        "getDayOfYear": timestamp("getDayOfYear") { c, _ in c.dayOfYear },
        "getDayOfMonth": timestamp("getDayOfMonth") { c, _ in c.day - 1 },
        "getDate": timestamp("getDate") { c, _ in c.day },
        "getDayOfWeek": timestamp("getDayOfWeek") { c, _ in c.weekday },
        "getHours": both("getHours", { c, _ in c.hour }, { d in d.seconds / 3600 }),
        "getMinutes": both("getMinutes", { c, _ in c.minute }, { d in d.seconds / 60 }),
        "getSeconds": both("getSeconds", { c, _ in c.second }, { d in d.seconds }),
        "getMilliseconds": both("getMilliseconds", { _, t in Int64(t.nanos / 1_000_000) }, { d in Int64(d.nanos / 1_000_000) }),
    ]

    struct Civil {
        var year, month, day, hour, minute, second, dayOfYear, weekday: Int64
    }

    static func civil(_ t: CELTimestamp, offset: Int64) -> Civil {
        let local = t.seconds + offset
        let (days, secs) = local.floorDivMod(86400)
        let (y, m, d) = Calendar.civilFromDays(days)
        let doy = days - Calendar.daysFromCivil(y, 1, 1)
        let weekday = (days + 4).floorDivMod(7).1   // 1970-01-01 was a Thursday
        return Civil(year: y, month: m, day: d, hour: secs / 3600, minute: secs / 60 % 60,
                     second: secs % 60, dayOfYear: doy, weekday: weekday)
    }

    /// Seconds east of UTC for a zone at an instant, or nil for an unknown zone.
    static func offset(_ zone: String, at t: CELTimestamp) -> Int64? {
        // Fixed offsets: "+08:00", "-02:30", "02:00".
        if (zone.utf8.count == 6 || zone.utf8.count == 5), zone.contains(":") {
            var sign: Int64 = 1
            var text = Substring(zone)
            if text.first == "+" || text.first == "-" {
                if text.first == "-" { sign = -1 }
                text = text.dropFirst()
            }
            let parts = text.split(separator: ":")
            if parts.count == 2, let h = Int64(parts[0]), let m = Int64(parts[1]) {
                return sign * (h * 3600 + m * 60)
            }
            return nil
        }
        guard let tz = TimeZone(identifier: zone) else { return nil }
        return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
    }

    private static func timestamp(_ name: String, _ f: @escaping @Sendable (Civil, CELTimestamp) -> Int64) -> StandardFunctions.Implementation {
        { a in
            guard case .timestamp(let t)? = a.first else { return .error(.noOverload(name, a.first ?? .null)) }
            var off: Int64 = 0
            if a.count == 2 {
                guard case .string(let zone) = a[1] else { return .error(.noOverload(name, a[0], a[1])) }
                guard let o = offset(zone, at: t) else { return .error(CELError("unknown time zone '\(zone)'")) }
                off = o
            } else if a.count != 1 {
                return .error(CELError("\(name) takes at most one argument"))
            }
            return .int(f(civil(t, offset: off), t))
        }
    }

    private static func both(_ name: String, _ f: @escaping @Sendable (Civil, CELTimestamp) -> Int64,
                             _ g: @escaping @Sendable (CELDuration) -> Int64) -> StandardFunctions.Implementation {
        let ts = timestamp(name, f)
        return { a in
            if case .duration(let d)? = a.first, a.count == 1 { return .int(g(d)) }
            return ts(a)
        }
    }
}
