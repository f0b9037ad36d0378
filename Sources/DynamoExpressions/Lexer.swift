/// A token of the shared expression lexer (dynamodb-core §4.1).
struct Token {
    enum Kind: Equatable {
        /// `[A-Za-z][A-Za-z0-9_]*`: attribute names, keywords and function names.
        case name
        /// `#[A-Za-z0-9_]+`
        case nameRef
        /// `:[A-Za-z0-9_]+`
        case valueRef
        /// Decimal digits (only meaningful inside `[` `]`).
        case number
        /// `( ) , . [ ] + - = <> < <= > >=`
        case punctuation
        /// Any other character; always a syntax error where it appears.
        case invalid
        /// End of input.
        case eof
    }

    var kind: Kind
    var text: String
    /// UTF-8 offsets of the token in the source.
    var start: Int
    var end: Int

    /// Whether this is the bare word `word`, compared case-insensitively (keywords).
    func isKeyword(_ word: String) -> Bool {
        kind == .name && text.utf8.count == word.utf8.count && text.uppercased() == word
    }

    func isPunctuation(_ symbol: String) -> Bool {
        kind == .punctuation && text == symbol
    }
}

/// Splits expression text into tokens; whitespace (space, tab, CR, LF) separates tokens.
enum Lexer {
    static func isPlaceholderByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The tokens of `source`, always ending with one `.eof` token.
    static func tokenize(_ source: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        func text(_ start: Int, _ end: Int) -> String { String(decoding: source[start..<end], as: UTF8.self) }
        while position < source.count {
            let byte = source[position]
            let start = position
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                position += 1
                continue
            case _ where isLetter(byte):
                position += 1
                while position < source.count, isPlaceholderByte(source[position]) { position += 1 }
                tokens.append(Token(kind: .name, text: text(start, position), start: start, end: position))
            case _ where isDigit(byte):
                position += 1
                while position < source.count, isDigit(source[position]) { position += 1 }
                tokens.append(Token(kind: .number, text: text(start, position), start: start, end: position))
            case UInt8(ascii: "#"), UInt8(ascii: ":"):
                position += 1
                while position < source.count, isPlaceholderByte(source[position]) { position += 1 }
                let kind: Token.Kind = position == start + 1 ? .invalid : (byte == UInt8(ascii: "#") ? .nameRef : .valueRef)
                tokens.append(Token(kind: kind, text: text(start, position), start: start, end: position))
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                position += 1
                if position < source.count,
                    source[position] == UInt8(ascii: "=")
                        || (byte == UInt8(ascii: "<") && source[position] == UInt8(ascii: ">"))
                {
                    position += 1
                }
                tokens.append(Token(kind: .punctuation, text: text(start, position), start: start, end: position))
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "="):
                position += 1
                tokens.append(Token(kind: .punctuation, text: text(start, position), start: start, end: position))
            default:
                // One whole UTF-8 scalar (lead byte plus continuation bytes) as an invalid token.
                position += 1
                while position < source.count, source[position] & 0xC0 == 0x80 { position += 1 }
                tokens.append(Token(kind: .invalid, text: text(start, position), start: start, end: position))
            }
        }
        tokens.append(Token(kind: .eof, text: "", start: source.count, end: source.count))
        return tokens
    }
}
