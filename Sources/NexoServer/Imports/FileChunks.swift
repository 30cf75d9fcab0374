import Foundation
import NIOCore

/// A file's bytes as an async sequence of 64 KiB buffers: what an upload is written from (`nexo import`) and what an
/// import is read back through. The file is closed at its end, or when a loop stops early.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL

    /// Owns the handle, so breaking out of a `for try await` still closes the file.
    fileprivate final class Reader {
        let handle: FileHandle
        init(_ handle: FileHandle) { self.handle = handle }
        deinit { try? handle.close() }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let reader: Reader?
        let error: (any Error)?

        mutating func next() async throws -> ByteBuffer? {
            if let error { throw error }
            guard let reader, let data = try reader.handle.read(upToCount: 64 * 1024), !data.isEmpty else { return nil }
            return ByteBuffer(data: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        do {
            return AsyncIterator(reader: Reader(try FileHandle(forReadingFrom: url)), error: nil)
        } catch {
            return AsyncIterator(reader: nil, error: error)
        }
    }
}
