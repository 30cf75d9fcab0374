/// One `<option>` of a `<select>` on a page.
struct SelectOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}
