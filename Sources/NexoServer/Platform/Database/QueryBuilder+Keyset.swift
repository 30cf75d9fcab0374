import Fluent
import Foundation

extension QueryBuilder where Model.IDValue == UUID {
    /// One page of a list ordered by (time, id) descending, and the cursor of the next page.
    func keysetPage(by time: KeyPath<Model, FieldProperty<Model, Date>>, _ page: PageRequest) async throws -> ([Model], Cursor?) {
        var query = self
        if let cursor = page.cursor {
            // (time, id) < cursor, comparing times at millisecond precision (see Cursor.tolerance).
            query = query.filter(time, .lessThanOrEqual, cursor.latest).group(.or) { or in
                or.filter(time, .lessThan, cursor.earliest).filter(\._$id, .lessThan, cursor.id)
            }
        }
        var items = try await query.sort(time, .descending).sort(\._$id, .descending).limit(page.limit + 1).all()
        var next: Cursor?
        if items.count > page.limit {
            items.removeLast()
            if let last = items.last, let id = last.id { next = Cursor(time: last[keyPath: time].value ?? Date(), id: id) }
        }
        return (items, next)
    }
}
