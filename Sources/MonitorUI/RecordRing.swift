/// A fixed-capacity ring buffer: appending past capacity drops the oldest element.
///
/// Flow keeps its records here so memory and per-frame work stay bounded however many records
/// the engine retains. Indices run from 0 (oldest kept) to `count - 1` (newest).
public struct RecordRing<Element: Sendable>: Sendable {
    private var storage: [Element] = []
    private var head = 0
    public let capacity: Int
    /// Every element ever appended, including dropped ones.
    public private(set) var totalAppended = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a ring needs room for at least one element")
        self.capacity = capacity
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ element: Element) {
        totalAppended += 1
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// The element at logical index `i` (0 = oldest kept).
    public subscript(i: Int) -> Element {
        storage[(head + i) % storage.count]
    }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        head = 0
    }
}
