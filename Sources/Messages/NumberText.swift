/// Numbers as people write them in rule files, forms and messages: `30`,
/// `-0.5`, `1e+20`, never `30.0`. The one formatter every module uses, so
/// that a huge or non-finite number can never trap in a conversion.
public enum NumberText {
    /// `x` without a trailing `.0`; integers beyond ±1e15 and non-finite
    /// values keep Swift's own spelling (`1e+20`, `nan`, `inf`).
    public static func plain(_ x: Double) -> String {
        guard x.isFinite, x == x.rounded(), abs(x) < 1e15 else { return String(x) }
        return String(Int64(x))
    }
}
