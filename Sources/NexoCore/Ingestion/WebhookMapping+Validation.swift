/// Checks a mapping before it is saved. Paths are checked when they are decoded (`JSONPath`).
extension WebhookMapping {
    /// Every problem, each naming its place in the JSON (`fields[2].path`, `filter.value`); empty when fine.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        var paths: [JSONPath: Int] = [:]
        var metadataKeys: [String: Int] = [:]
        for (index, mapping) in fields.enumerated() {
            if let earlier = paths[mapping.path] {
                errors.append(
                    FieldError(
                        field: "fields[\(index)].path", code: "webhook.duplicate_path",
                        message: "\(mapping.path) is already mapped, in fields[\(earlier)]: keep one of them."))
            } else {
                paths[mapping.path] = index
            }
            guard case .metadata(let key) = mapping.field else { continue }
            if key.isEmpty || key.count > ColumnMapping.maxMetadataKeyLength {
                errors.append(
                    FieldError(
                        field: "fields[\(index)].field", code: "metadata.bad_key",
                        message: "Metadata keys must have 1 to \(ColumnMapping.maxMetadataKeyLength) characters."))
            } else if let earlier = metadataKeys[key] {
                errors.append(
                    FieldError(
                        field: "fields[\(index)].field", code: "webhook.duplicate_metadata_key",
                        message:
                            "The metadata key \(key) is already filled by fields[\(earlier)]: one would overwrite the other."
                    ))
            } else {
                metadataKeys[key] = index
            }
        }
        let identities: Set<ContactField> = [.email, .phone, .fullName, .firstName, .lastName]
        if !fields.isEmpty && !fields.contains(where: { identities.contains($0.field) }) {
            errors.append(
                FieldError(
                    field: "fields", code: "webhook.identity_unmapped",
                    message: "Map at least one path to the e-mail, the phone or a name: a contact needs one of them."))
        }
        if let filter, filter.comparison.needsValue {
            let isBlank =
                filter.comparison == .oneOf ? filter.listedValues.isEmpty : filter.value.trimmedWhitespace.isEmpty
            if isBlank {
                errors.append(
                    FieldError(
                        field: "filter.value", code: "webhook.filter_value_required",
                        message: "The filter \"\(filter.comparison.rawValue)\" needs a value to compare with."))
            }
        }
        return errors
    }
}
