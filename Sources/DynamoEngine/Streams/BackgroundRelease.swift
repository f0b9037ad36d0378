#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Frees large dead buffers (trimmed stream records) off the engine lock, on one background
/// thread, without stalling the threads that keep writing.
///
/// Freeing a million records takes tens of milliseconds. Done at once on another thread, it
/// stalled a writer for about 4 ms (measured with `perf sched`): the releasing thread woke on the
/// writer's core and the scheduler let it run a whole slice, even at nice 19 or under SCHED_IDLE.
/// So the thread destroys records in short bursts with a short sleep between them (any stall is
/// bounded by one burst, and each wake-up goes to an idle core when there is one), and hands the
/// buffer's pages back a few at a time before freeing it (unmapping a large buffer at once holds
/// the memory-map lock that page faults of other threads wait for, measured at 5–8 ms). It runs
/// at a mildly lowered priority (nice 10), not an idle one: destroying records frees memory
/// under the allocator's locks, and a starved idle-priority thread holding one would hold up
/// the writers waiting for it.
///
/// Buffers queue up for one worker thread, started when the first arrives and ending when the
/// queue is empty, so a trim of many shards starts one thread, not one per shard.
enum BackgroundRelease {
    /// Dead buffers waiting for the worker, and whether the worker is running.
    private struct Queue: ~Copyable {
        var buffers: [[StoredStreamRecord]] = []
        var workerRunning = false
    }

    private static let queue = Mutex(Queue())

    /// Whether nothing is queued or being released (for tests).
    static var isIdle: Bool { queue.withLock { !$0.workerRunning && $0.buffers.isEmpty } }

    /// Queues `dead` for release; the caller hands over its only reference.
    static func release(_ dead: consuming [StoredStreamRecord]) {
        guard !dead.isEmpty else { return }
        // Moved into the queue (`take()` leaves no reference behind here).
        var buffer: [StoredStreamRecord]? = dead
        let startWorker = queue.withLock { queue in
            if let taken = buffer.take() { queue.buffers.append(taken) }
            if queue.workerRunning { return false }
            queue.workerRunning = true
            return true
        }
        guard startWorker else { return }
        #if os(Linux)
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { _ in
            // On Linux the nice value belongs to the thread: PRIO_PROCESS with 0 changes the
            // calling thread only.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            BackgroundRelease.drain()
            return nil
        }
        var thread = pthread_t()
        if pthread_create(&thread, nil, body, nil) == 0 {
            pthread_detach(thread)
        } else {
            // No thread: free what is queued here at once, as a plain release would, rather
            // than the paced way (this caller may hold the engine lock).
            let queued = queue.withLock { queue in
                queue.workerRunning = false
                let taken = queue.buffers
                queue.buffers = []
                return taken
            }
            withExtendedLifetime(queued) {}
        }
        #else
        Task.detached(priority: .background) { drain() }
        #endif
    }

    /// Releases queued buffers until the queue is empty, then marks the worker stopped (in the
    /// same locked step, so a buffer queued meanwhile starts a new worker).
    private static func drain() {
        while true {
            let next: [StoredStreamRecord]? = queue.withLock { queue in
                guard !queue.buffers.isEmpty else {
                    queue.workerRunning = false
                    return nil
                }
                return queue.buffers.removeLast()
            }
            guard let next else { return }
            dispose(consume next)
        }
    }

    /// Records destroyed per burst (about 0.1 ms of work) before the thread sleeps briefly.
    private static let recordsPerBurst = 2048

    /// Destroys the records in bursts, returns the buffer's pages a few at a time, then frees it.
    private static func dispose(_ dead: consuming [StoredStreamRecord]) {
        var records = consume dead
        while !records.isEmpty {
            records.removeLast(min(recordsPerBurst, records.count))
            pause()
        }
        #if os(Linux)
        // Made unique first (a no-op when it already is), so the capacity read next and the
        // storage below are one and the same buffer, owned here alone.
        records.withUnsafeMutableBufferPointer { _ in }
        let bytes = records.capacity * MemoryLayout<StoredStreamRecord>.stride
        records.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            returnPages(from: UnsafeMutableRawPointer(base), count: bytes)
        }
        #endif
        records = []
    }

    /// A short sleep between bursts.
    private static func pause() {
        #if os(Linux)
        usleep(100)
        #endif
    }

    #if os(Linux)
    /// Pages returned per `madvise` call.
    private static let pagesPerStep = 64

    /// Hands the whole pages inside `[start, start + count)` back to the kernel (`MADV_DONTNEED`,
    /// which holds the memory-map lock only shared); the memory stays allocated (reads give
    /// zeros) until it is freed.
    private static func returnPages(from start: UnsafeMutableRawPointer, count: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let address = Int(bitPattern: start)
        var first = (address + page - 1) & ~(page - 1)
        let end = (address + count) & ~(page - 1)
        while first < end {
            let length = min(pagesPerStep * page, end - first)
            _ = madvise(UnsafeMutableRawPointer(bitPattern: first), length, MADV_DONTNEED)
            first += length
            pause()
        }
    }
    #endif
}
