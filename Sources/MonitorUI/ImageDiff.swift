import DynamoModel

/// One line of an old/new image diff.
public struct ImageDiffLine: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case added, removed, changed, unchanged
        /// `+`, `−`, `~` or a space: the marker that carries meaning without colour.
        public var marker: String {
            switch self {
            case .added: "+"
            case .removed: "−"
            case .changed: "~"
            case .unchanged: " "
            }
        }
    }

    public var kind: Kind
    /// The attribute path: `status`, `address.city`, `items[2]`.
    public var path: String
    public var old: AttributeValue?
    public var new: AttributeValue?
}

/// The attribute-level difference between a record's old and new images.
public enum ImageDiff {
    /// Differences between `old` and `new`, recursing into maps (and lists of equal length) so nested
    /// changes show as paths. Unchanged attributes are included with kind `.unchanged`.
    public static func lines(old: AttributeMap, new: AttributeMap) -> [ImageDiffLine] {
        var out: [ImageDiffLine] = []
        diffMaps(old, new, prefix: "", into: &out)
        return out
    }

    private static func diffMaps(_ old: AttributeMap, _ new: AttributeMap, prefix: String, into out: inout [ImageDiffLine]) {
        var names = Set(old.names)
        names.formUnion(new.names)
        for name in names.sorted() {
            let path = prefix.isEmpty ? name : prefix + "." + name
            diffValues(old[name], new[name], path: path, into: &out)
        }
    }

    private static func diffValues(_ o: AttributeValue?, _ n: AttributeValue?, path: String, into out: inout [ImageDiffLine]) {
        switch (o, n) {
        case (nil, let n?): out.append(ImageDiffLine(kind: .added, path: path, old: nil, new: n))
        case (let o?, nil): out.append(ImageDiffLine(kind: .removed, path: path, old: o, new: nil))
        case (.m(let om)?, .m(let nm)?) where om != nm:
            diffMaps(om, nm, prefix: path, into: &out)
        case (.l(let ol)?, .l(let nl)?) where ol != nl && ol.count == nl.count:
            for i in ol.indices { diffValues(ol[i], nl[i], path: "\(path)[\(i)]", into: &out) }
        case (let o?, let n?):
            out.append(ImageDiffLine(kind: o == n ? .unchanged : .changed, path: path, old: o, new: n))
        case (nil, nil): break
        }
    }
}
