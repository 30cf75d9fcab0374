extension CronExpression {
    /// Why a cron expression was rejected. `message` is English for the API and logs; `code` is stable for translation.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// One of cron.empty, cron.field_count, cron.unknown_macro, cron.empty_item, cron.invalid_value,
        /// cron.out_of_range, cron.invalid_step, cron.reversed_range.
        public let code: String
        /// Names the field and the bad token, e.g. "hour: 24 is out of range 0–23".
        public let message: String
        /// nil for problems with the whole expression (empty, wrong number of fields, unknown macro).
        public let field: Field?
        /// The offending text; empty when something is missing.
        public let token: String
        /// Character offset of `token` in the text given to `CronExpression.init`, for pointing at it in an editor.
        public let offset: Int

        public init(code: String, message: String, field: Field?, token: String, offset: Int) {
            self.code = code
            self.message = message
            self.field = field
            self.token = token
            self.offset = offset
        }

        /// A problem inside one field; the message is prefixed with the field's name.
        init(_ field: Field, code: String, message: String, token: String, offset: Int) {
            self.init(code: code, message: "\(field.rawValue): \(message)", field: field, token: token, offset: offset)
        }

        public var description: String { message }
    }
}
