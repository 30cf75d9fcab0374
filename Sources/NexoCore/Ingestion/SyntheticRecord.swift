/// Values from a webhook or a lead form laid out as a one-row CSV file, each column assigned its field.
///
/// Going through `ContactImportRow` gives these contacts exactly the import's rules: name splitting,
/// e-mail, phone and birthday checks, tag splitting, metadata. Every column is an override, so
/// `ColumnMapping` guesses nothing and each value lands in the field chosen for it.
struct SyntheticRecord {
    struct Column {
        /// What problems name as their column: a JSON path or a form's question.
        var header: String
        /// Blank when the payload has no value there.
        var text: String
        var field: ContactField
    }

    var columns: [Column]

    var mapping: ColumnMapping {
        ColumnMapping(
            headers: columns.map(\.header),
            overrides: Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.offset, $0.element.field) }))
    }

    func row(options: ImportOptions) throws(RowRejection) -> ContactImportRow {
        try ContactImportRow(record: CSVRecord(cells: columns.map(\.text), line: 1), mapping: mapping, options: options)
    }
}
