/// Turns `JSONDecoder`'s errors into what a Meta body's sender can act on.
extension LeadgenPayloadError {
    init(decoding error: any Error) {
        guard let error = error as? DecodingError else {
            self = .invalidJSON
            return
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            self = .invalidJSON
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            let place = context.codingPath.isEmpty ? "the body" : Self.place(context.codingPath)
            self = .unexpectedShape("\(place) has another type than expected")
        @unknown default:
            self = .unexpectedShape("it could not be read")
        }
    }

    /// `entry[0].changes`, from a decoding path.
    private static func place(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }
}
