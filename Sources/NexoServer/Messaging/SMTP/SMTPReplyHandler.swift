import NIOCore

/// Cuts the byte stream into replies and hands each to the one waiting for it. Lives in the channel
/// pipeline, so everything here runs on the channel's event loop.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// RFC 5321 allows 512 octets per reply line; anything much longer is not an SMTP server.
    static let maximumLineLength = 4096
    static let maximumLines = 200

    private var buffer = ByteBuffer()
    private var pendingLines: [SMTPReply.Line] = []
    private var replies = CircularBuffer<SMTPReply>()
    private var waiter: EventLoopPromise<SMTPReply>?
    private var failure: (any Error)?

    /// Bytes or replies that arrived but were not asked for; must be none when TLS starts (CVE-2011-0411).
    var hasUnreadInput: Bool { buffer.readableBytes > 0 || !pendingLines.isEmpty || !replies.isEmpty }

    func nextReply(on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if let reply = replies.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard waiter == nil else {
            return eventLoop.makeFailedFuture(SMTPError.protocolError("two commands waiting for one reply"))
        }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiter = promise
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = Self.unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        do {
            try decodeReplies()
        } catch {
            fail(error)
            context.close(promise: nil)
        }
        deliver()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError.connectionFailed("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func decodeReplies() throws {
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            let parsed = try SMTPReply.parseLine(line)
            if let first = pendingLines.first, first.code != parsed.code {
                throw SMTPError.protocolError("reply lines with different codes \(first.code) and \(parsed.code)")
            }
            pendingLines.append(parsed)
            guard pendingLines.count <= Self.maximumLines else { throw SMTPError.protocolError("reply too long") }
            if !parsed.continues {
                replies.append(SMTPReply(code: parsed.code, lines: pendingLines.map(\.text)))
                pendingLines = []
            }
        }
        guard buffer.readableBytes <= Self.maximumLineLength else {
            throw SMTPError.protocolError("reply line too long")
        }
        buffer.discardReadBytes()
    }

    private func deliver() {
        guard let waiter else { return }
        if let reply = replies.popFirst() {
            self.waiter = nil
            waiter.succeed(reply)
        } else if let failure {
            self.waiter = nil
            waiter.fail(failure)
        }
    }

    /// The first failure wins: a TLS alert explains more than the close that follows it.
    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        deliver()
    }
}
