import Foundation

/// Formats the HTTP `Date` header (IMF-fixdate, RFC 9110 §5.6.7), recomputing once per second.
///
/// Real wall-clock time, not the engine's virtual clock: botocore reads this header to correct
/// clock skew. One cache per connection, so no locking.
struct HTTPDateCache {
    private var cachedSecond: Int64 = .min
    private var cachedValue = ""

    mutating func current() -> String {
        let second = Int64(Date().timeIntervalSince1970.rounded(.down))
        if second != cachedSecond {
            cachedSecond = second
            cachedValue = Self.format(epochSeconds: second)
        }
        return cachedValue
    }

    /// Formats seconds since 1970-01-01T00:00:00Z, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func format(epochSeconds: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (index 4).
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (hour, minute, second) = (secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
        let time = "\(twoDigits(hour)):\(twoDigits(minute)):\(twoDigits(second))"
        return "\(weekdays[weekday]), \(twoDigits(day)) \(months[month - 1]) \(year) \(time) GMT"
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian date for a day count.
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, Int(month), day)
    }
}
