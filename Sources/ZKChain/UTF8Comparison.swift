// Comparisons of strings by their UTF-8 bytes, which is what canonical encodings need.

/// Byte-wise order of UTF-8 encodings (Swift's `String <` compares by Unicode canonical
/// equivalence, which is not what a canonical encoding needs).
func utf8Precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Equality of UTF-8 bytes (Swift's `String ==` equates canonically equivalent strings whose
/// encodings, and so hashes, differ).
func utf8Equal(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
}
