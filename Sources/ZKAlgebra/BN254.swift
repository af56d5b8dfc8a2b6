/// BN254 (alt_bn128) scalar field: the field of Ethereum's precompiles and most zkML systems.
/// r = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001, two-adicity 28.
public enum BN254ScalarFieldParameters: PrimeFieldParameters {
    public static let name = "bn254_fr"
    @inlinable public static var modulusLimbs: (UInt64, UInt64, UInt64, UInt64) {
        (0x43e1_f593_f000_0001, 0x2833_e848_79b9_7091, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)
    }
    @inlinable public static var multiplicativeGenerator: UInt64 { 5 }
    public static let constants = MontgomeryConstants(Self.self)
}

/// BN254 base field: present to show a second prime is a constant set, not new code.
/// q = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47.
public enum BN254BaseFieldParameters: PrimeFieldParameters {
    public static let name = "bn254_fq"
    @inlinable public static var modulusLimbs: (UInt64, UInt64, UInt64, UInt64) {
        (0x3c20_8c16_d87c_fd47, 0x9781_6a91_6871_ca8d, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)
    }
    @inlinable public static var multiplicativeGenerator: UInt64 { 3 }
    public static let constants = MontgomeryConstants(Self.self)
}

/// The field every zkinfer proof works over.
public typealias Fr = MontgomeryField<BN254ScalarFieldParameters>
/// BN254's base field (for tests today; for a G1-based commitment later).
public typealias Fq = MontgomeryField<BN254BaseFieldParameters>
