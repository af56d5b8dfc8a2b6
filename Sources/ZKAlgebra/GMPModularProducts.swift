internal import CGMP

/// The baseline `zkinfer bench core` measures Montgomery multiplication against: GMP's
/// `mpz_mul` followed by `mpz_mod`, over fixed operand arrays. It lives here so that GMP stays
/// an implementation detail of ZKAlgebra (no other module imports CGMP).
package final class GMPModularProducts {
    private let left: MPZArray
    private let right: MPZArray
    private let product: MPZArray
    private let modulus: BigInteger

    package init(left: [BigInteger], right: [BigInteger], modulus: BigInteger) {
        precondition(left.count == right.count, "operand arrays differ in length")
        self.left = MPZArray(left)
        self.right = MPZArray(right)
        self.product = MPZArray(count: left.count)
        self.modulus = modulus
    }

    /// Computes every product modulo the modulus, `passes` times.
    package func run(passes: Int) {
        modulus.withUnsafeMPZ { p in
            for _ in 0..<passes {
                for i in 0..<left.count {
                    zk_mpz_mul(product[i], left[i], right[i])
                    zk_mpz_mod(product[i], product[i], p)
                }
            }
        }
    }
}

/// A fixed array of initialised `mpz_t`s, cleared on deinit.
private final class MPZArray {
    let base: UnsafeMutablePointer<zk_mpz>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        for i in 0..<count { zk_mpz_init(base + i) }
    }

    convenience init(_ values: [BigInteger]) {
        self.init(count: values.count)
        for (i, value) in values.enumerated() { value.withUnsafeMPZ { zk_mpz_set(base + i, $0) } }
    }

    subscript(index: Int) -> UnsafeMutablePointer<zk_mpz> { base + index }

    deinit {
        for i in 0..<count { zk_mpz_clear(base + i) }
        base.deallocate()
    }
}
