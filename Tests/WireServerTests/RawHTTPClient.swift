import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking HTTP/1.1 client on a plain POSIX socket, so tests control every byte sent
/// (malformed request lines, half bodies, pipelining) and see exactly what the server sends.
final class RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One parsed response; header lookup ignores case.
    struct Response {
        var version: String
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false

    /// Connects to `127.0.0.1:port`; reads time out after `timeoutSeconds`.
    init(port: Int, timeoutSeconds: Int = 5) throws {
        #if canImport(Glibc) || canImport(Musl)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            systemClose(descriptor)
            throw Failure(description: "connect() to port \(port) failed: errno \(code)")
        }
        self.fd = descriptor
    }

    deinit {
        if !isClosed { systemClose(fd) }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        systemClose(fd)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { raw in
                systemSend(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw Failure(description: "send() failed: errno \(errno)") }
            offset += written
        }
    }

    /// Sends a POST with a Content-Length body and optional extra header lines.
    func sendRequest(uri: String = "/", body: String, headers: [String] = []) throws {
        let bytes = Array(body.utf8)
        var text = "POST \(uri) HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
        text += "Content-Length: \(bytes.count)\r\n"
        for header in headers { text += header + "\r\n" }
        text += "\r\n"
        try send(Array(text.utf8) + bytes)
    }

    /// Reads one response (a 1xx interim response counts as one, with an empty body).
    func readResponse() throws -> Response {
        let headEnd = try fill { buffer in Self.find([13, 10, 13, 10], in: buffer) }
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(headText)")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = Response(version: String(statusLine[0]), status: status, headers: headers, body: [])
        if (100..<200).contains(status) { return response }
        let length =
            try response.header("content-length").flatMap(Int.init)
            ?? { throw Failure(description: "no Content-Length in \(headText)") }()
        _ = try fill { buffer in buffer.count >= length ? length : nil }
        response.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Whether the server closed the connection: the next read sees end-of-stream or a reset
    /// (a timeout means the connection is still open).
    func isClosedByServer(waitingMilliseconds: Int = 5000) -> Bool {
        guard buffer.isEmpty else { return false }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(waitingMilliseconds)) > 0 else { return false }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, 0)
        if count == 0 { return true }
        if count < 0 { return errno == ECONNRESET }
        buffer.append(byte)
        return false
    }

    private func fill(until found: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let index = found(buffer) { return index }
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { throw Failure(description: "connection closed after \(buffer.count) bytes") }
            if count < 0 { throw Failure(description: "recv() failed: errno \(errno)") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}

private func systemClose(_ descriptor: Int32) {
    close(descriptor)
}

private func systemSend(_ descriptor: Int32, _ pointer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(descriptor, pointer, count, flags)
}
