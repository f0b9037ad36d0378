// DynamoDB's item-size function (dynamodb-core §2.6), also used for stream records' SizeBytes.

extension AttributeValue {
    /// The value's size in bytes as DynamoDB counts it.
    public var size: Int {
        switch self {
        case .s(let v): v.utf8.count
        case .n(let v): v.storageSize
        case .b(let v): v.count
        case .bool, .null: 1
        case .ss(let v): v.reduce(0) { $0 + $1.utf8.count }
        case .ns(let v): v.reduce(0) { $0 + $1.storageSize }
        case .bs(let v): v.reduce(0) { $0 + $1.count }
        case .l(let v): 3 + v.reduce(0) { $0 + 1 + $1.size }
        case .m(let v): 3 + v.itemSize + v.count
        }
    }
}

extension AttributeMap {
    /// DynamoDB's maximum item size, 400 KB.
    public static let maximumItemSize = 409_600
}
