import Testing
import VaporTesting
@testable import NexoServer
