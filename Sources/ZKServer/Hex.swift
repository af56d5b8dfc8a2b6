/// Lowercase hex, the form every binary payload of the node API takes. Blocks are hundreds of
/// kilobytes, so encoding goes through a lookup table rather than a formatter per byte.
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }

    /// Nil unless `string` is an even number of hex digits (either case).
    static func decode(_ string: String) -> [UInt8]? {
        [UInt8](hexString: string)
    }
}
