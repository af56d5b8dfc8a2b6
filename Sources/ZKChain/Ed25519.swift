import COpenSSL
import Foundation
import ZKProof

/// An Ed25519 public key (32 bytes), as validators and transaction senders are named on the chain.
public struct PublicKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Nil unless exactly 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    public init?(hex: String) {
        guard let bytes = [UInt8](hexString: hex) else { return nil }
        self.init(bytes: bytes)
    }

    public var hex: String { bytes.hexString }
    public var description: String { hex }

    public static func < (a: PublicKey, b: PublicKey) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    /// True when `signature` signs `message` under this key.
    public func verifies(_ signature: Signature, for message: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { key in
            signature.bytes.withUnsafeBufferPointer { sig in
                message.withUnsafeBufferPointer { msg in
                    zk_ed25519_verify(key.baseAddress!, msg.baseAddress ?? key.baseAddress!, msg.count, sig.baseAddress!) == 1
                }
            }
        }
    }
}

/// An Ed25519 signature (64 bytes).
public struct Signature: Sendable, Hashable {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 64 else { return nil }
        self.bytes = bytes
    }
}

/// An Ed25519 private key, held as its 32-byte seed (RFC 8032).
public struct SigningKey: Sendable {
    public let seed: [UInt8]
    public let publicKey: PublicKey

    /// Nil unless the seed is 32 bytes and OpenSSL accepts it.
    public init?(seed: [UInt8]) {
        guard seed.count == 32 else { return nil }
        var publicBytes = [UInt8](repeating: 0, count: 32)
        let ok = seed.withUnsafeBufferPointer { s in
            publicBytes.withUnsafeMutableBufferPointer { zk_ed25519_public_key(s.baseAddress!, $0.baseAddress!) }
        }
        guard ok == 1, let key = PublicKey(bytes: publicBytes) else { return nil }
        self.seed = seed
        self.publicKey = key
    }

    /// A fresh key from OpenSSL's CSPRNG.
    public static func generate() -> SigningKey {
        while true {
            var seed = [UInt8](repeating: 0, count: 32)
            let ok = seed.withUnsafeMutableBufferPointer { zk_random_bytes($0.baseAddress!, 32) }
            if ok == 1, let key = SigningKey(seed: seed) { return key }
        }
    }

    public func sign(_ message: [UInt8]) -> Signature {
        var signature = [UInt8](repeating: 0, count: 64)
        let ok = seed.withUnsafeBufferPointer { s in
            message.withUnsafeBufferPointer { msg in
                signature.withUnsafeMutableBufferPointer {
                    zk_ed25519_sign(s.baseAddress!, msg.baseAddress ?? s.baseAddress!, msg.count, $0.baseAddress!)
                }
            }
        }
        // Signing with a seed OpenSSL accepted cannot fail short of memory exhaustion.
        precondition(ok == 1, "Ed25519 signing failed")
        return Signature(bytes: signature)!
    }
}
