#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Frees large dead buffers (trimmed stream records) off the engine lock, on one background
/// thread, without stalling the threads that keep writing.
///
/// Freeing a million records takes tens of milliseconds. Done at once on another thread, it
/// stalled a writer for about 4 ms (measured with `perf sched`): the releasing thread woke on the
/// writer's core and, even under SCHED_IDLE, the scheduler let it run until its next tick. So the
/// thread runs under SCHED_IDLE, destroys records in short bursts with a short sleep between
/// them (any stall is bounded by one burst, and each wake-up goes to an idle core when there is
/// one), and hands the buffer's pages back a few at a time before freeing it (unmapping a large
/// buffer at once holds the memory-map lock that page faults of other threads wait for).
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

    /// Queues `dead` for release; the caller hands over its only reference.
    static func release(_ dead: consuming [StoredStreamRecord]) {
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
            BackgroundRelease.lowerPriority()
            BackgroundRelease.drain()
            return nil
        }
        var thread = pthread_t()
        if pthread_create(&thread, nil, body, nil) == 0 {
            pthread_detach(thread)
        } else {
            drain()
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
        // `records` is uniquely ours here: removing elements made it so had anyone else still
        // held the buffer, so its capacity and storage below are the same, unshared buffer.
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
    /// Linux's SCHED_IDLE policy (`<sched.h>` with `_GNU_SOURCE`; Glibc's module does not export it).
    private static let schedIdle: Int32 = 5

    /// Puts the calling thread under SCHED_IDLE before it does any work, so it yields its core to
    /// any normal thread at the next chance; falls back to nice 19 (on Linux the nice value belongs
    /// to the thread: PRIO_PROCESS with 0 changes the calling thread only).
    private static func lowerPriority() {
        // Allocated and zeroed, not built: the C struct's Swift initializer is not visible from
        // Glibc here. SCHED_IDLE takes priority 0.
        let parameters = UnsafeMutablePointer<sched_param>.allocate(capacity: 1)
        defer { parameters.deallocate() }
        UnsafeMutableRawPointer(parameters).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<sched_param>.size)
        if sched_setscheduler(0, schedIdle, parameters) != 0 {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        }
    }

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
