/// Scalars recoded into signed c-bit digits d_k ∈ (−2^(c−1), 2^(c−1)] with s = Σ_k d_k·2^(kc),
/// stored window-major (all scalars' digit k, then all scalars' digit k + 1, …) so that one
/// window's pass over the points reads memory in order.
///
/// A magnitude below 2^m needs w·c ≥ m + 1 bits of digits: the top digit's sign bit absorbs the
/// last carry.
struct SignedDigits {
    let count: Int
    let windowBits: Int
    let windowCount: Int
    var values: [Int32]

    /// Full-width field scalars (standard values below r < 2^254).
    init(scalars: [Fr], windowBits c: Int) {
        self.init(count: scalars.count, windowBits: c, magnitudeBits: 254)
        let (count, windowCount) = (self.count, self.windowCount)
        values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let digits = buffer.baseAddress!
            Parallel.forEachChunk(count: count, minimumChunk: 1 << 12) { range in
                for index in range {
                    let limbs = scalars[index].standardLimbs
                    Self.recode(limbs, negate: false, windowBits: c, windowCount: windowCount) { k, digit in
                        digits[k * count + index] = digit
                    }
                }
            }
        }
    }

    /// Small signed scalars whose magnitudes all fit in `magnitudeBits` bits.
    init(smallScalars scalars: [Int64], windowBits c: Int, magnitudeBits: Int) {
        self.init(count: scalars.count, windowBits: c, magnitudeBits: magnitudeBits)
        let (count, windowCount) = (self.count, self.windowCount)
        values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let digits = buffer.baseAddress!
            Parallel.forEachChunk(count: count, minimumChunk: 1 << 14) { range in
                for index in range {
                    let scalar = scalars[index]
                    Self.recode((scalar.magnitude, 0, 0, 0), negate: scalar < 0, windowBits: c, windowCount: windowCount) { k, digit in
                        digits[k * count + index] = digit
                    }
                }
            }
        }
    }

    private init(count: Int, windowBits c: Int, magnitudeBits: Int) {
        self.count = count
        windowBits = c
        windowCount = magnitudeBits == 0 ? 0 : (magnitudeBits + 1 + c - 1) / c
        values = [Int32](repeating: 0, count: count * windowCount)
    }

    /// Writes the digits of the little-endian magnitude `words` (negated when `negate`).
    @inline(__always)
    private static func recode(_ words: (UInt64, UInt64, UInt64, UInt64), negate: Bool, windowBits c: Int, windowCount: Int,
                               _ write: (Int, Int32) -> Void) {
        let half = Int64(1) << (c - 1)
        let mask = (UInt64(1) << c) - 1
        var carry: Int64 = 0
        for k in 0..<windowCount {
            let bit = k * c
            let word = bit / 64
            let shift = bit % 64
            var chunk = limb(words, word) >> UInt64(shift)
            if shift + c > 64 { chunk |= limb(words, word + 1) << UInt64(64 - shift) }
            var digit = Int64(chunk & mask) + carry
            if digit > half {
                digit -= Int64(1) << c
                carry = 1
            } else {
                carry = 0
            }
            write(k, Int32(negate ? -digit : digit))
        }
        assert(carry == 0, "too few windows for the scalar's magnitude")
    }

    @inline(__always)
    private static func limb(_ words: (UInt64, UInt64, UInt64, UInt64), _ index: Int) -> UInt64 {
        switch index {
        case 0: return words.0
        case 1: return words.1
        case 2: return words.2
        case 3: return words.3
        default: return 0
        }
    }
}
