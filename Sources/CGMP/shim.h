#ifndef ZKINFER_CGMP_SHIM_H
#define ZKINFER_CGMP_SHIM_H

// GMP spells its public API as macros (`#define mpz_mul __gmpz_mul`) and a few inline
// functions; Swift imports neither reliably, so each call we use gets a real function here.
#include <gmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef __mpz_struct zk_mpz;

static inline void zk_mpz_init(zk_mpz *x) { mpz_init(x); }
static inline void zk_mpz_clear(zk_mpz *x) { mpz_clear(x); }
static inline void zk_mpz_set(zk_mpz *r, const zk_mpz *a) { mpz_set(r, a); }
static inline void zk_mpz_set_ui(zk_mpz *r, unsigned long v) { mpz_set_ui(r, v); }
static inline void zk_mpz_set_si(zk_mpz *r, long v) { mpz_set_si(r, v); }
static inline int zk_mpz_set_str(zk_mpz *r, const char *s, int base) { return mpz_set_str(r, s, base); }
static inline char *zk_mpz_get_str(const zk_mpz *a, int base) { return mpz_get_str(NULL, base, a); }
static inline void zk_free_str(char *s) {
    void (*free_fn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &free_fn);
    free_fn(s, strlen(s) + 1);
}
static inline size_t zk_mpz_sizeinbase(const zk_mpz *a, int base) { return mpz_sizeinbase(a, base); }
static inline int zk_mpz_sgn(const zk_mpz *a) { return mpz_sgn(a); }
static inline int zk_mpz_cmp(const zk_mpz *a, const zk_mpz *b) { return mpz_cmp(a, b); }
static inline int zk_mpz_cmp_ui(const zk_mpz *a, unsigned long b) { return mpz_cmp_ui(a, b); }
static inline void zk_mpz_add(zk_mpz *r, const zk_mpz *a, const zk_mpz *b) { mpz_add(r, a, b); }
static inline void zk_mpz_sub(zk_mpz *r, const zk_mpz *a, const zk_mpz *b) { mpz_sub(r, a, b); }
static inline void zk_mpz_mul(zk_mpz *r, const zk_mpz *a, const zk_mpz *b) { mpz_mul(r, a, b); }
static inline void zk_mpz_neg(zk_mpz *r, const zk_mpz *a) { mpz_neg(r, a); }
/// Non-negative remainder (0 <= r < |m|), as in modular arithmetic.
static inline void zk_mpz_mod(zk_mpz *r, const zk_mpz *a, const zk_mpz *m) { mpz_mod(r, a, m); }
static inline void zk_mpz_fdiv_q(zk_mpz *q, const zk_mpz *a, const zk_mpz *b) { mpz_fdiv_q(q, a, b); }
static inline void zk_mpz_powm(zk_mpz *r, const zk_mpz *b, const zk_mpz *e, const zk_mpz *m) { mpz_powm(r, b, e, m); }
static inline int zk_mpz_invert(zk_mpz *r, const zk_mpz *a, const zk_mpz *m) { return mpz_invert(r, a, m); }
static inline void zk_mpz_mul_2exp(zk_mpz *r, const zk_mpz *a, unsigned long bits) { mpz_mul_2exp(r, a, bits); }
static inline void zk_mpz_fdiv_q_2exp(zk_mpz *r, const zk_mpz *a, unsigned long bits) { mpz_fdiv_q_2exp(r, a, bits); }
static inline int zk_mpz_probab_prime_p(const zk_mpz *a, int reps) { return mpz_probab_prime_p(a, reps); }
/// Little-endian import of `count` 64-bit words.
static inline void zk_mpz_import_u64_le(zk_mpz *r, size_t count, const uint64_t *words) {
    mpz_import(r, count, -1, sizeof(uint64_t), 0, 0, words);
}
/// Little-endian import of `count` bytes.
static inline void zk_mpz_import_bytes_le(zk_mpz *r, size_t count, const uint8_t *bytes) {
    mpz_import(r, count, -1, 1, 0, 0, bytes);
}
/// Little-endian export of |a| into at most `capacity` 64-bit words, zero-filled; returns the
/// number of words needed (callers check it is <= capacity before trusting the result).
static inline size_t zk_mpz_export_u64_le(const zk_mpz *a, size_t capacity, uint64_t *words) {
    size_t needed = (mpz_sizeinbase(a, 2) + 63) / 64;
    if (mpz_sgn(a) == 0) needed = 0;
    for (size_t i = 0; i < capacity; i++) words[i] = 0;
    if (needed <= capacity) {
        size_t written = 0;
        mpz_export(words, &written, -1, sizeof(uint64_t), 0, 0, a);
    }
    return needed;
}
#endif
