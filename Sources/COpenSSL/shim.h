#ifndef ZKINFER_COPENSSL_SHIM_H
#define ZKINFER_COPENSSL_SHIM_H

// The slice of libcrypto zkinfer uses: one-shot and incremental SHA-256, the RNG, and Ed25519
// (through EVP, with raw 32-byte seeds and public keys and 64-byte signatures).
// The low-level SHA256_* calls are deprecated in OpenSSL 3 in favour of EVP, but they avoid a
// heap-allocated context per hash, which matters for Merkle trees with millions of nodes.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stddef.h>
#include <stdint.h>

/// One-shot SHA-256 of the concatenation of up to three byte ranges (saves copies when
/// hashing a prefix byte plus two child digests, as Merkle nodes do).
static inline void zk_sha256_3(const uint8_t *a, size_t a_len,
                               const uint8_t *b, size_t b_len,
                               const uint8_t *c, size_t c_len,
                               uint8_t out[32]) {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    if (a_len) SHA256_Update(&ctx, a, a_len);
    if (b_len) SHA256_Update(&ctx, b, b_len);
    if (c_len) SHA256_Update(&ctx, c, c_len);
    SHA256_Final(out, &ctx);
}

typedef SHA256_CTX zk_sha256_ctx;
static inline void zk_sha256_init(zk_sha256_ctx *ctx) { SHA256_Init(ctx); }
static inline void zk_sha256_update(zk_sha256_ctx *ctx, const void *data, size_t len) {
    if (len) SHA256_Update(ctx, data, len);
}
static inline void zk_sha256_final(zk_sha256_ctx *ctx, uint8_t out[32]) { SHA256_Final(out, ctx); }

/// Fills `out` with `len` bytes from the OpenSSL CSPRNG; returns 1 on success.
static inline int zk_random_bytes(uint8_t *out, int len) { return RAND_bytes(out, len); }

/// Derives the Ed25519 public key of a 32-byte seed; returns 1 on success.
static inline int zk_ed25519_public_key(const uint8_t seed[32], uint8_t public_key[32]) {
    EVP_PKEY *key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
    if (!key) return 0;
    size_t length = 32;
    int ok = EVP_PKEY_get_raw_public_key(key, public_key, &length) == 1 && length == 32;
    EVP_PKEY_free(key);
    return ok;
}

/// Signs `message` (pure Ed25519, RFC 8032); returns 1 on success.
static inline int zk_ed25519_sign(const uint8_t seed[32], const uint8_t *message, size_t message_length,
                                  uint8_t signature[64]) {
    EVP_PKEY *key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
    if (!key) return 0;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t length = 64;
    int ok = context && EVP_DigestSignInit(context, NULL, NULL, NULL, key) == 1
        && EVP_DigestSign(context, signature, &length, message, message_length) == 1 && length == 64;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return ok;
}

/// Returns 1 when `signature` is a valid Ed25519 signature of `message` under `public_key`.
static inline int zk_ed25519_verify(const uint8_t public_key[32], const uint8_t *message, size_t message_length,
                                    const uint8_t signature[64]) {
    EVP_PKEY *key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, public_key, 32);
    if (!key) return 0;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    int ok = context && EVP_DigestVerifyInit(context, NULL, NULL, NULL, key) == 1
        && EVP_DigestVerify(context, signature, 64, message, message_length) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return ok;
}
#endif
