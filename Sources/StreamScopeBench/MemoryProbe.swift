import DynamoEngine
import DynamoModel
import Foundation

/// Memory figures are measured in a fresh child process (`--memory-probe KIND COUNT`), so that
/// memory freed by earlier phases and reused by the allocator cannot hide the growth.
enum MemoryProbe {
    /// Runs in the child: builds one table (with a stream for `records`) and prints the resident growth in bytes.
    static func runChild(kind: String, count: Int) throws(DynamoError) {
        let engine = Engine(clock: VirtualClock.manual())
        try Workload.createTable(engine, name: "Memory", stream: kind == "records" ? .newAndOldImages : nil)
        let before = residentBytes()
        for i in 0..<count {
            _ = try engine.putItem(PutItemInput(tableName: "Memory", item: Workload.item(i)), region: "us-east-1")
        }
        let after = residentBytes()
        // Keep the engine alive until measured.
        withExtendedLifetime(engine) {}
        print(after - before)
    }

    /// Runs a child probe and returns the resident growth it measured, in bytes.
    static func measure(kind: String, count: Int) throws(DynamoError) -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--memory-probe", kind, String(count)]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            throw .validation("benchmark: cannot run the memory probe: \(error)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, let bytes = Double(text) else {
            throw .validation("benchmark: the memory probe failed: \(text)")
        }
        return bytes
    }
}
