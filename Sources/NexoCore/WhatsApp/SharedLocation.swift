/// A place a customer shared: a pin, or a named place with its address.
public struct SharedLocation: Sendable, Hashable {
    public let latitude: Double
    public let longitude: Double
    public let name: String?
    public let address: String?
    public let url: String?

    public init(latitude: Double, longitude: Double, name: String? = nil, address: String? = nil, url: String? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.name = name
        self.address = address
        self.url = url
    }

    /// Nil without both coordinates.
    init?(_ object: GraphObject) {
        guard let latitude = object.double("latitude"), let longitude = object.double("longitude") else { return nil }
        self.init(
            latitude: latitude, longitude: longitude, name: object.string("name"), address: object.string("address"),
            url: object.string("url"))
    }
}
