import Testing

@testable import NexoCore
