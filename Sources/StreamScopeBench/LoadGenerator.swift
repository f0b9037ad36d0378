import DynamoModel
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A keep-alive HTTP/1.1 load generator on plain blocking sockets: `connections` threads, each
/// sending requests back to back on its own connection, recording every latency.
enum LoadGenerator {
    struct Result {
        var requests: Int
        var errors: Int
        var seconds: Double
        var latencies: [Double]
    }

    final class Shared: Sendable {
        let stop = Atomic<Bool>(false)
        let results = Mutex<[(Int, Int, [Double])]>([])
    }

    /// Runs for `duration` seconds; `request(i)` builds the i-th raw request of a connection.
    static func run(port: Int, connections: Int, duration: Double, request: @escaping @Sendable (Int, Int) -> [UInt8]) -> Result {
        let shared = Shared()
        let group = DispatchGroup()
        let start = ContinuousClock().now
        for c in 0..<connections {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var done = 0
                var errors = 0
                var latencies: [Double] = []
                latencies.reserveCapacity(100_000)
                guard let socket = connect(port: port) else {
                    shared.results.withLock { $0.append((0, 1, [])) }
                    return
                }
                defer { close(socket) }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let clock = ContinuousClock()
                var i = 0
                while !shared.stop.load(ordering: .relaxed) {
                    let bytes = request(c, i)
                    i += 1
                    let t0 = clock.now
                    guard sendAll(socket, bytes), let status = readResponse(socket, &buffer)?.status else { errors += 1; break }
                    latencies.append((clock.now - t0).seconds)
                    if status == 200 { done += 1 } else { errors += 1 }
                }
                shared.results.withLock { $0.append((done, errors, latencies)) }
            }
            thread.start()
        }
        Thread.sleep(forTimeInterval: duration)
        shared.stop.store(true, ordering: .relaxed)
        group.wait()
        let seconds = (ContinuousClock().now - start).seconds
        let all = shared.results.withLock { $0 }
        return Result(
            requests: all.reduce(0) { $0 + $1.0 }, errors: all.reduce(0) { $0 + $1.1 }, seconds: seconds,
            latencies: all.flatMap(\.2).sorted())
    }

    static func connect(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 { close(fd); return nil }
        return fd
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    /// Reads one response (headers + Content-Length body); returns its status code and body.
    static func readResponse(_ fd: Int32, _ buffer: inout [UInt8]) -> (status: Int, body: [UInt8])? {
        // Parsed on bytes, like a C load generator would: the generator shares the machine's two
        // cores with the server, so its own cost per response is kept small.
        var data: [UInt8] = []
        var headerEnd: Int?
        var contentLength = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
            if headerEnd == nil, let end = find(data, [13, 10, 13, 10]) {
                headerEnd = end + 4
                contentLength = Self.contentLength(data[0..<end]) ?? 0
            }
            if let headerEnd, data.count >= headerEnd + contentLength {
                var status = 0
                if data.count >= 12 {
                    for byte in data[9..<12] where (48...57).contains(byte) { status = status * 10 + Int(byte - 48) }
                }
                return (status, Array(data[headerEnd..<(headerEnd + contentLength)]))
            }
        }
    }

    /// The value of the Content-Length header (name matched case-insensitively) in a response head.
    static func contentLength(_ head: ArraySlice<UInt8>) -> Int? {
        let name = Array("content-length:".utf8)
        var lineStart = head.startIndex
        while lineStart < head.endIndex {
            let lineEnd = head[lineStart...].firstIndex(of: 10) ?? head.endIndex
            if lineEnd - lineStart > name.count {
                var matches = true
                // `| 0x20` lower-cases letters and leaves '-' and ':' as they are.
                for (i, expected) in name.enumerated() where head[lineStart + i] | 0x20 != expected {
                    matches = false
                    break
                }
                if matches {
                    var value = 0
                    var digits = 0
                    for byte in head[(lineStart + name.count)..<lineEnd] where (48...57).contains(byte) {
                        value = value * 10 + Int(byte - 48)
                        digits += 1
                    }
                    return digits > 0 ? value : nil
                }
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        outer: for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            for j in 1..<needle.count where haystack[i + j] != needle[j] { continue outer }
            return i
        }
        return nil
    }

    /// A raw DynamoDB JSON 1.0 request.
    static func httpRequest(target: String, body: String) -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        let head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: \(target)\r\nAuthorization: AWS4-HMAC-SHA256 Credential=bench/20261127/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00\r\nContent-Length: \(bodyBytes.count)\r\n\r\n"
        return Array(head.utf8) + bodyBytes
    }
}
