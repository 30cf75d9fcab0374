/// How to read an all-numeric date such as 03/04/1990.
public enum DateOrder: String, Sendable, Codable, CaseIterable {
    /// 03/04/1990 is 3 April: Latin America, Spain, Brazil and Portugal.
    case dayFirst = "day_first"
    /// 03/04/1990 is March 4: the United States.
    case monthFirst = "month_first"

    /// Day-first everywhere except the United States.
    public static func forCountry(_ code: String) -> DateOrder {
        code.uppercased() == "US" ? .monthFirst : .dayFirst
    }
}
