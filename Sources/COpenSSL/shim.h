#ifndef ZKINFER_COPENSSL_SHIM_H
#define ZKINFER_COPENSSL_SHIM_H

// The slice of libcrypto zkinfer uses: one-shot and incremental SHA-256, and the RNG.
// Ed25519 shims join when the chain needs them.
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
#endif
