#!/usr/bin/env python3
"""Known-answer vectors for the BN254 G1 group (zkinfer).

An independent reference for the "BN254 G1" section of Vectors/SPEC.md: group
law, scalar multiplication, multi-scalar multiplication, the 32-byte compressed
point encoding, try-and-increment hash to G1 and the Pedersen vector commitment.
The group arithmetic is done by py_ecc (``py_ecc.bn128``, the Ethereum
reference implementation), so the vectors come from code that shares nothing
with the Swift sources; every result is cross-checked against a second small
implementation in this file (Jacobian coordinates, different scalar
multiplication algorithm).  The Swift tests only *read* the JSON written here.

    pip install py_ecc gmpy2 && python3 Vectors/generate_g1_vectors.py

Output (next to this script): g1_bn254.json.  The run is fully deterministic:
re-running it rewrites the file byte-identically.

Determinism notes
  * One random.Random stream seeded with SEED (20261121 + 4, continuing the
    numbering of generate_core_vectors.py); the seed is written into the file.
    Only Random.getrandbits() is used (plus our own rejection sampling), whose
    output for an integer seed is stable across CPython 3.x versions.
  * JSON is written with a fixed key order and one case per line.
"""

import hashlib
import json
import os
import random
import struct
import sys
import time

import gmpy2
from gmpy2 import mpz
from py_ecc import bn128
from py_ecc.bn128 import G1, add, curve_order, double, field_modulus, is_on_curve, multiply, neg

SEED = 20261121 + 4
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
OUT_NAME = "g1_bn254.json"

Q = 0x30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD47  # base field
R = 0x30644E72E131A029B85045B68181585D2833E84879B9709143E1F593F0000001  # group order
assert Q == field_modulus and R == curve_order
assert int(bn128.b) == 3 and (int(G1[0]), int(G1[1])) == (1, 2)
assert gmpy2.is_prime(Q) and gmpy2.is_prime(R)
assert Q % 4 == 3 and Q < 2**254 and R < 2**254
HALF_Q = (Q - 1) // 2  # y is the "larger" root iff y > HALF_Q

HASH_DST = b"zkinfer.g1.try-and-increment.v1"
PEDERSEN_G_LABEL = b"zkinfer.pedersen.bn254.v1/G"
PEDERSEN_H_LABEL = b"zkinfer.pedersen.bn254.v1/H"
PEDERSEN_MAX = 64  # generators G_0..G_63 are needed by the pedersen cases

FQ = type(G1[0])
INF = None  # py_ecc's point at infinity


# Deterministic randomness: the same getrandbits-only helpers as the core vectors (see the
# module docstring); imported, so both generators draw from their streams identically.
from generate_core_vectors import below, between  # noqa: E402


def rand_scalar(rng):
    """Full-width scalar, uniform in [0, r)."""
    return below(rng, R)


def rand_point(rng):
    """Uniform non-identity point: a random scalar in [1, r) times the generator."""
    return multiply(G1, between(rng, 1, R - 1))


# --------------------------------------------------------------------------
# Base-field helpers
# --------------------------------------------------------------------------

def is_square(a):
    """Euler's criterion (0 counts as a square), cross-checked with gmpy2."""
    a %= Q
    e = pow(a, (Q - 1) // 2, Q)
    res = e != Q - 1
    assert res == (gmpy2.legendre(mpz(a), mpz(Q)) != -1)
    return res


def sqrt_q(a):
    """A square root of a mod q, or None.  q = 3 (mod 4): a^((q+1)/4)."""
    a %= Q
    y = int(gmpy2.powmod(mpz(a), mpz((Q + 1) // 4), mpz(Q)))
    if y * y % Q != a:
        assert not is_square(a)
        return None
    assert is_square(a)
    return y


def rhs(x):
    return (x * x * x + 3) % Q


# --------------------------------------------------------------------------
# Points: py_ecc tuples <-> plain ints <-> JSON
# --------------------------------------------------------------------------

def ints(P):
    return None if P is None else (int(P[0]), int(P[1]))


def ecc(xy):
    return None if xy is None else (FQ(xy[0]), FQ(xy[1]))


def on_curve(P):
    if P is None:
        return True
    x, y = ints(P)
    ok = 0 <= x < Q and 0 <= y < Q and (y * y - x * x * x - 3) % Q == 0
    assert ok == is_on_curve(P, bn128.b)
    return ok


def pj(P):
    """JSON form of a point."""
    assert on_curve(P)
    if P is None:
        return "infinity"
    x, y = ints(P)
    return {"x": str(x), "y": str(y)}


# --------------------------------------------------------------------------
# Second implementation, for cross-checks only: Jacobian coordinates over
# plain ints, 4-bit fixed-window scalar multiplication (py_ecc uses affine
# coordinates and recursive double-and-add).
# --------------------------------------------------------------------------

J_INF = (1, 1, 0)


def j_from(P):
    return J_INF if P is None else (int(P[0]), int(P[1]), 1)


def j_affine(J):
    X, Y, Z = J
    if Z % Q == 0:
        return None
    zi = pow(Z, -1, Q)
    zi2 = zi * zi % Q
    return (X * zi2 % Q, Y * zi2 * zi % Q)


def j_double(J):
    X, Y, Z = J
    if Z == 0 or Y == 0:
        return J_INF
    A = X * X % Q
    B = Y * Y % Q
    C = B * B % Q
    D = 2 * ((X + B) ** 2 - A - C) % Q
    E = 3 * A % Q
    X3 = (E * E - 2 * D) % Q
    Y3 = (E * (D - X3) - 8 * C) % Q
    Z3 = 2 * Y * Z % Q
    return (X3, Y3, Z3)


def j_add(P, S):
    X1, Y1, Z1 = P
    X2, Y2, Z2 = S
    if Z1 == 0:
        return S
    if Z2 == 0:
        return P
    Z1Z1 = Z1 * Z1 % Q
    Z2Z2 = Z2 * Z2 % Q
    U1 = X1 * Z2Z2 % Q
    U2 = X2 * Z1Z1 % Q
    S1 = Y1 * Z2 * Z2Z2 % Q
    S2 = Y2 * Z1 * Z1Z1 % Q
    if U1 == U2:
        return j_double(P) if S1 == S2 else J_INF
    H = (U2 - U1) % Q
    I = 4 * H * H % Q
    Jv = H * I % Q
    rr = 2 * (S2 - S1) % Q
    V = U1 * I % Q
    X3 = (rr * rr - Jv - 2 * V) % Q
    Y3 = (rr * (V - X3) - 2 * S1 * Jv) % Q
    Z3 = ((Z1 + Z2) ** 2 - Z1Z1 - Z2Z2) * H % Q
    return (X3, Y3, Z3)


def j_neg(J):
    return (J[0], (-J[1]) % Q, J[2])


def j_mul(J, k):
    """k * J for any integer k (negative allowed), fixed 4-bit windows."""
    if k < 0:
        return j_mul(j_neg(J), -k)
    table = [J_INF]
    for _ in range(15):
        table.append(j_add(table[-1], J))
    acc = J_INF
    for i in reversed(range(0, max(k.bit_length(), 1), 4)):
        for _ in range(4):
            acc = j_double(acc)
        acc = j_add(acc, table[(k >> i) & 15])
    return acc


def check_same(P, J):
    """P (py_ecc) equals J (second implementation)."""
    assert ints(P) == j_affine(J), (ints(P), j_affine(J))


# --------------------------------------------------------------------------
# Reference operations (py_ecc), each cross-checked
# --------------------------------------------------------------------------

def g_add(A, B):
    res = add(A, B)
    check_same(res, j_add(j_from(A), j_from(B)))
    assert on_curve(res)
    return res


def g_double(A):
    res = double(A)
    check_same(res, j_double(j_from(A)))
    assert res == add(A, A)
    assert on_curve(res)
    return res


def g_neg(A):
    res = neg(A)
    check_same(res, j_neg(j_from(A)))
    assert add(A, res) is None
    return res


def g_mul(P, k, signed=None):
    """k * P with k in [0, r); if a signed representative is given, the
    cross-check multiplies by it instead (a different route)."""
    assert 0 <= k < R
    res = multiply(P, k)
    alt = j_mul(j_from(P), k if signed is None else signed)
    if signed is not None:
        assert signed % R == k
    check_same(res, alt)
    assert on_curve(res)
    return res


def msm(points, scalars, signed=None):
    """Sum of scalars[i] * points[i] (scalars in [0, r)).  Reference: py_ecc
    term by term; cross-check: Straus-style interleaving in Jacobian form."""
    assert len(points) == len(scalars)
    acc = INF
    for P, k in zip(points, scalars):
        assert 0 <= k < R
        acc = add(acc, multiply(P, k))
    # Cross-check with signed digits when given, plain scalars otherwise.
    ks = signed if signed is not None else scalars
    if signed is not None:
        assert [s % R for s in signed] == list(scalars)
    Js = [j_from(P) for P in points]
    alt = J_INF
    top = max([abs(k).bit_length() for k in ks] + [1])
    for i in reversed(range(top)):
        alt = j_double(alt)
        for J, k in zip(Js, ks):
            if (abs(k) >> i) & 1:
                alt = j_add(alt, J if k > 0 else j_neg(J))
    check_same(acc, alt)
    assert on_curve(acc)
    return acc


# --------------------------------------------------------------------------
# Compressed encoding
# --------------------------------------------------------------------------

FLAG_LARGE = 0x80
FLAG_INF = 0x40


def compress(P):
    if P is None:
        out = bytes(31) + bytes([FLAG_INF])
    else:
        x, y = ints(P)
        b = bytearray(x.to_bytes(32, "little"))
        assert b[31] & 0xC0 == 0  # x < q < 2^254 leaves the two top bits free
        if y > HALF_Q:
            b[31] |= FLAG_LARGE
        out = bytes(b)
    assert decompress(out) == ("ok", ints(P))  # required round-trip self-check
    return out


def decompress(data):
    """The decoding algorithm of SPEC.md.  Returns ("ok", (x, y) | None) or
    ("reject", reason)."""
    if len(data) != 32:
        return ("reject", "length")
    flags = data[31] & 0xC0
    x = int.from_bytes(data[:31] + bytes([data[31] & 0x3F]), "little")
    if flags & FLAG_INF:
        if flags != FLAG_INF or x != 0:
            return ("reject", "bad_flags")
        return ("ok", None)
    if x >= Q:
        return ("reject", "x_not_canonical")
    t = rhs(x)
    y = sqrt_q(t)
    if y is None:
        return ("reject", "not_on_curve")
    large = bool(flags & FLAG_LARGE)
    if y == 0:
        # Only one root; "larger" cannot be requested.  Never happens on BN254
        # (checked in main()), kept so the algorithm is total.
        return ("reject", "bad_flags") if large else ("ok", (x, 0))
    small_root = min(y, Q - y)
    big_root = Q - small_root
    assert small_root <= HALF_Q < big_root
    return ("ok", (x, big_root if large else small_root))


def enc_x(x, flags=0):
    """32 bytes: x little-endian (x < 2^254) with flag bits OR-ed into byte 31."""
    b = bytearray(x.to_bytes(32, "little"))
    assert b[31] & 0xC0 == 0
    b[31] |= flags
    return bytes(b)


# --------------------------------------------------------------------------
# Hash to G1 (try-and-increment) and Pedersen generators
# --------------------------------------------------------------------------

def u32(x):
    return struct.pack("<I", x)


def u64(x):
    return struct.pack("<Q", x)


def hash_to_g1(label, index):
    """Returns (point, counter)."""
    assert isinstance(label, bytes) and 0 <= index < 2**64
    c = 0
    while True:
        d = hashlib.sha256(HASH_DST + u64(len(label)) + label + u64(index) + u32(c)).digest()
        x = int.from_bytes(d, "little") % Q
        t = rhs(x)
        if t != 0:
            y = sqrt_q(t)
            if y is not None:
                y = min(y, Q - y)
                assert y <= HALF_Q
                P = ecc((x, y))
                assert on_curve(P)
                return P, c
        c += 1


_GEN_CACHE = {}


def pedersen_G(j):
    key = ("G", j)
    if key not in _GEN_CACHE:
        _GEN_CACHE[key] = hash_to_g1(PEDERSEN_G_LABEL, j)
    return _GEN_CACHE[key][0]


def pedersen_H():
    key = ("H", 0)
    if key not in _GEN_CACHE:
        _GEN_CACHE[key] = hash_to_g1(PEDERSEN_H_LABEL, 0)
    return _GEN_CACHE[key][0]


def pedersen_commit(values, blinding, signed=None, signed_blinding=None):
    n = len(values)
    pts = [pedersen_G(j) for j in range(n)] + [pedersen_H()]
    sc = list(values) + [blinding]
    sg = None
    if signed is not None:
        sg = list(signed) + [blinding if signed_blinding is None else signed_blinding]
    return msm(pts, sc, sg)


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------

def cube_root_of_unity(m):
    """A non-trivial cube root of unity mod prime m (m = 1 mod 3)."""
    assert m % 3 == 1
    g = 2
    while True:
        w = pow(g, (m - 1) // 3, m)
        if w != 1:
            assert pow(w, 3, m) == 1
            return w
        g += 1


def endo(P, beta):
    """(x, y) -> (beta*x, y): a different point with the same y."""
    x, y = ints(P)
    Pe = ecc((beta * x % Q, y))
    assert on_curve(Pe)
    return Pe


def build(rng):
    G = G1
    beta = cube_root_of_unity(Q)
    lam = cube_root_of_unity(R)
    # Match the eigenvalue to beta: lam * P == (beta * x, y).
    if ints(multiply(G, lam)) != ints(endo(G, beta)):
        lam = lam * lam % R
    assert ints(multiply(G, lam)) == ints(endo(G, beta))

    # ---- add -------------------------------------------------------------
    add_cases = []

    def c_add(a, b):
        add_cases.append({"a": pj(a), "b": pj(b), "result": pj(g_add(a, b))})

    mG = neg(G)
    c_add(G, G)
    c_add(G, mG)
    c_add(mG, G)
    c_add(G, INF)
    c_add(INF, G)
    c_add(INF, INF)
    c_add(G, double(G))
    c_add(G, endo(G, beta))
    for _ in range(6):
        a = rand_point(rng)
        c_add(a, INF)                                   # a + infinity
        c_add(INF, a)
        c_add(a, a)                                     # doubling through add
        c_add(a, neg(a))                                # same x, opposite y
        c_add(neg(a), a)
        c_add(a, endo(a, beta))                         # same y, different x
        c_add(a, double(a))                             # a + 2a
        c_add(neg(a), double(a))                        # -a + 2a = a
        c_add(a, G)
    while len(add_cases) < 200:
        c_add(rand_point(rng), rand_point(rng))

    # ---- double ----------------------------------------------------------
    double_cases = []

    def c_double(a):
        double_cases.append({"a": pj(a), "result": pj(g_double(a))})

    c_double(INF)
    c_double(G)
    c_double(mG)
    c_double(endo(G, beta))
    for _ in range(4):
        a = rand_point(rng)
        c_double(a)
        c_double(neg(a))
        c_double(endo(a, beta))
    while len(double_cases) < 100:
        c_double(rand_point(rng))

    # ---- neg -------------------------------------------------------------
    neg_cases = []

    def c_neg(a):
        neg_cases.append({"a": pj(a), "result": pj(g_neg(a))})

    c_neg(INF)
    c_neg(G)
    c_neg(mG)
    while len(neg_cases) < 20:
        c_neg(rand_point(rng))

    # ---- scalar_mul ------------------------------------------------------
    sm_cases = []

    def c_mul(P, k, signed=None):
        case = {"point": pj(P), "scalar": str(k)}
        if signed is not None:
            case["signed"] = signed
        case["result"] = pj(g_mul(P, k, signed))
        sm_cases.append(case)

    g_scalars = (list(range(0, 18)) + [31, 32, 33, 255, 256, 257, 2**16 - 1, 2**32 + 1,
                                       2**64 - 1, 2**64, 2**128 - 1, 2**128, 2**252,
                                       2**253 - 1, 2**253, R - 1, R - 2, R - 3,
                                       (R - 1) // 2, (R + 1) // 2, lam, lam * lam % R])
    for k in g_scalars:
        c_mul(G, k)
    for k in (0, 1, 2, R - 1, rand_scalar(rng)):
        c_mul(INF, k)
    for _ in range(4):
        P = rand_point(rng)
        for k in (0, 1, 2, 3, R - 1, R - 2, lam):
            c_mul(P, k)
    # "signed" small scalars: stored as r - k, the signed value alongside.
    for k in (1, 2, 3, 7, 8, 15, 16, 127, 128, 255, 32767, 32768, 2**31):
        c_mul(G, R - k, -k)
    for k in (1, 5, 64, 100, 127, 128, 32767, 32768):
        c_mul(rand_point(rng), R - k, -k)
    for k in (1, 5, 100, 127, 32767):
        c_mul(rand_point(rng), k, k)
    # random: mostly full width, some short scalars, some just below r.
    while len(sm_cases) < 200:
        sel = below(rng, 10)
        if sel == 0:
            k = rng.getrandbits(8)
        elif sel == 1:
            k = rng.getrandbits(64)
        elif sel == 2:
            k = R - 1 - rng.getrandbits(64)
        else:
            k = rand_scalar(rng)
        c_mul(rand_point(rng) if below(rng, 4) else G, k)

    # ---- msm -------------------------------------------------------------
    # Point pool, referenced by index from the msm cases.
    pool = [rand_point(rng) for _ in range(257)]
    IDX_G, IDX_INF, IDX_NEG0 = 257, 258, 259
    pool += [G, INF, neg(pool[0])]
    msm_cases = []

    def c_msm(kind, idx, scalars, signed=None):
        pts = [pool[i] for i in idx]
        res = msm(pts, scalars, signed)
        case = {"kind": kind, "points": list(idx), "scalars": [str(s) for s in scalars]}
        if signed is not None:
            case["signed"] = list(signed)
        case["result"] = pj(res)
        msm_cases.append(case)

    def signed_scalars(n, bits):
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        sg = [between(rng, lo, hi) for _ in range(n)]
        return [s % R for s in sg], sg

    sizes = (0, 1, 2, 3, 5, 8, 16, 33, 64, 100, 257)
    for n in sizes:
        c_msm("full", list(range(n)), [rand_scalar(rng) for _ in range(n)])
    for n in sizes:
        sc, sg = signed_scalars(n, 8)
        c_msm("int8", list(range(n)), sc, sg)
    for n in (5, 16, 64, 257):
        sc, sg = signed_scalars(n, 16)
        c_msm("int16", list(range(n)), sc, sg)
    # int8 extremes
    c_msm("int8", list(range(33)), [(-128) % R] * 33, [-128] * 33)
    c_msm("int8", list(range(33)), [127] * 33, [127] * 33)
    sg = [(-128, 127, -1, 0, 1)[i % 5] for i in range(64)]
    c_msm("int8", list(range(64)), [s % R for s in sg], sg)
    # repeated points
    idx = [0, 0, 0, 1, 1, 2, 0, 3, 3, 3]
    c_msm("repeated", idx, [rand_scalar(rng) for _ in idx])
    idx = [5] * 16
    sc, sg = signed_scalars(16, 8)
    c_msm("repeated", idx, sc, sg)
    c_msm("repeated", [7, 7], [12345, R - 12345], [12345, -12345])    # cancels to infinity
    c_msm("repeated", [IDX_G] * 8, [R - 1] * 8)
    # zero scalars
    c_msm("zero_scalars", list(range(8)), [0] * 8, [0] * 8)
    sc = [0 if i % 3 else rand_scalar(rng) for i in range(33)]
    c_msm("zero_scalars", list(range(33)), sc)
    sc, sg = signed_scalars(16, 8)
    sg = [0 if i % 2 else s for i, s in enumerate(sg)]
    c_msm("zero_scalars", list(range(16)), [s % R for s in sg], sg)
    c_msm("zero_scalars", [3], [0], [0])
    # identity point, a point with its negation, the generator
    c_msm("special", [IDX_INF], [rand_scalar(rng)])
    c_msm("special", [0, IDX_INF, 1, IDX_INF, 2], [rand_scalar(rng) for _ in range(5)])
    k = rand_scalar(rng)
    c_msm("special", [0, IDX_NEG0], [k, k])                          # P + (-P) = infinity
    c_msm("special", [0, IDX_NEG0, 9], [k, k, rand_scalar(rng)])
    c_msm("special", list(range(16)), [R - 1] * 16)
    c_msm("special", list(range(16)), [2**(17 * i) for i in range(15)] + [0])
    c_msm("special", list(range(8)), [2**253 - 1] * 8)
    c_msm("special", [IDX_G, 0, IDX_G], [1, 2, R - 1])

    # ---- encode ----------------------------------------------------------
    enc_cases = []

    def c_enc(P):
        enc_cases.append({"point": pj(P), "compressed": compress(P).hex()})

    c_enc(G)
    c_enc(mG)
    c_enc(INF)
    c_enc(endo(G, beta))
    c_enc(endo(endo(G, beta), beta))
    # Small x: both roots of each x in [1, 16] on the curve.
    small_x = [x for x in range(1, 17) if sqrt_q(rhs(x)) is not None]
    for x in small_x[:6]:
        y = sqrt_q(rhs(x))
        c_enc(ecc((x, min(y, Q - y))))
        c_enc(ecc((x, max(y, Q - y))))
    # Largest x on the curve: x counting down from q - 1.
    found = 0
    x = Q - 1
    while found < 2:
        y = sqrt_q(rhs(x))
        if y is not None:
            c_enc(ecc((x, min(y, Q - y))))
            c_enc(ecc((x, max(y, Q - y))))
            found += 1
        x -= 1
    # Random points (both flag values occur).
    while len(enc_cases) < 60:
        c_enc(rand_point(rng))
    flags_seen = {bytes.fromhex(c["compressed"])[31] & 0xC0 for c in enc_cases}
    assert flags_seen == {0x00, 0x40, 0x80}

    # ---- decode_reject ---------------------------------------------------
    rej_cases = []

    def c_rej(data, reason):
        got = decompress(data)
        assert got == ("reject", reason), (data.hex(), got, reason)
        rej_cases.append({"compressed": data.hex(), "reason": reason})

    g_enc = compress(G)
    r_enc = compress(rand_point(rng))
    c_rej(b"", "length")
    c_rej(g_enc[:31], "length")
    c_rej(g_enc + b"\x00", "length")
    c_rej(r_enc[:31], "length")
    c_rej(r_enc + b"\x00", "length")
    c_rej(compress(INF)[:31], "length")
    c_rej(compress(INF) + b"\x00", "length")
    c_rej(r_enc + r_enc, "length")
    c_rej(bytes(33), "length")
    for x in (Q, Q + 1, Q + 2, Q + 2**64, 2**253, 2**254 - 2, 2**254 - 1):
        if x >= Q:
            c_rej(enc_x(x), "x_not_canonical")
    for x in (Q, Q + 1, 2**254 - 1):
        c_rej(enc_x(x, FLAG_LARGE), "x_not_canonical")
    for _ in range(4):
        c_rej(enc_x(between(rng, Q, 2**254 - 1), FLAG_LARGE * below(rng, 2)), "x_not_canonical")
    # not on curve: x = 0 (all-zero bytes are NOT the identity), small and
    # random non-residues, with and without the "larger" flag.
    assert sqrt_q(rhs(0)) is None
    c_rej(bytes(32), "not_on_curve")
    c_rej(enc_x(0, FLAG_LARGE), "not_on_curve")
    bad_small = [x for x in range(1, 40) if sqrt_q(rhs(x)) is None]
    for x in bad_small[:4]:
        c_rej(enc_x(x), "not_on_curve")
        c_rej(enc_x(x, FLAG_LARGE), "not_on_curve")
    x = Q - 1
    found = 0
    while found < 2:
        if sqrt_q(rhs(x)) is None:
            c_rej(enc_x(x, FLAG_LARGE * found), "not_on_curve")
            found += 1
        x -= 1
    found = 0
    while found < 8:
        x = below(rng, Q)
        if sqrt_q(rhs(x)) is None:
            c_rej(enc_x(x, FLAG_LARGE * (found & 1)), "not_on_curve")
            found += 1
    # bad flags: the identity bit with the "larger" bit and/or a non-zero x.
    # Apart from the first case (x = 0), x is always < q and on the curve, so
    # the flags are the only broken rule.
    def next_on_curve(x):
        while sqrt_q(rhs(x)) is None:
            x += 1
        assert x < Q
        return x

    c_rej(enc_x(0, FLAG_INF | FLAG_LARGE), "bad_flags")
    c_rej(enc_x(1, FLAG_INF), "bad_flags")
    c_rej(enc_x(1, FLAG_INF | FLAG_LARGE), "bad_flags")
    c_rej(enc_x(next_on_curve(1 << 8), FLAG_INF), "bad_flags")     # byte 1
    c_rej(enc_x(next_on_curve(1 << 240), FLAG_INF), "bad_flags")   # byte 30
    c_rej(enc_x(next_on_curve(2**253), FLAG_INF), "bad_flags")     # bit 5 of byte 31
    c_rej(enc_x(Q - 1, FLAG_INF), "bad_flags")
    c_rej(enc_x(int(pool[0][0]), FLAG_INF), "bad_flags")
    c_rej(enc_x(int(pool[1][0]), FLAG_INF | FLAG_LARGE), "bad_flags")
    for case in rej_cases:
        assert decompress(bytes.fromhex(case["compressed"]))[0] == "reject"

    # ---- hash_to_g1 ------------------------------------------------------
    h_cases = []

    def c_hash(label, index):
        P, c = hash_to_g1(label.encode("utf-8"), index)
        h_cases.append({"label": label, "index": index, "counter": c, "point": pj(P),
                        "compressed": compress(P).hex()})

    for j in range(PEDERSEN_MAX):
        c_hash(PEDERSEN_G_LABEL.decode(), j)
    c_hash(PEDERSEN_H_LABEL.decode(), 0)
    c_hash("", 0)
    c_hash("", 1)
    c_hash("zkinfer.pedersen.bn254.v1/G", 2**32 + 5)
    c_hash("zkinfer.pedersen.bn254.v1/G", 2**53 - 1)
    c_hash("zkinfer.pedersen.bn254.v1/H", 1)
    c_hash("a", 0)
    c_hash("zkinfer/τ·π", 7)
    c_hash("x" * 300, 3)
    # Deterministic search for inputs that need a larger counter.
    want = 4
    j = 0
    while want <= 6:
        P, c = hash_to_g1(b"counter-search", j)
        if c >= want:
            c_hash("counter-search", j)
            want = c + 1
        j += 1
    counters = [c["counter"] for c in h_cases]
    assert 0 in counters and max(counters) >= 4

    # ---- pedersen --------------------------------------------------------
    ped_cases = []

    def c_ped(values, blinding, signed=None):
        com = pedersen_commit(values, blinding, signed)
        case = {"values": [str(v) for v in values]}
        if signed is not None:
            case["signed"] = list(signed)
        case["blinding"] = str(blinding)
        case["commitment"] = pj(com)
        case["compressed"] = compress(com).hex()
        ped_cases.append(case)

    for n in (1, 4, 16, 64):
        sg = [between(rng, -128, 127) for _ in range(n)]
        c_ped([s % R for s in sg], rand_scalar(rng), sg)
    sg = [(-128, 127, -1, 0, 1)[i % 5] for i in range(16)]
    c_ped([s % R for s in sg], rand_scalar(rng), sg)
    c_ped([rand_scalar(rng) for _ in range(16)], rand_scalar(rng))
    sg = [between(rng, -128, 127) for _ in range(4)]
    c_ped([s % R for s in sg], 0, sg)                   # blinding 0
    c_ped([1], 0, [1])                                  # = G_0
    c_ped([0, 0, 0, 0], 1, [0, 0, 0, 0])                # = H
    # Self-checks of the definition on the special cases.
    assert ped_cases[-2]["commitment"] == pj(pedersen_G(0))
    assert ped_cases[-1]["commitment"] == pj(pedersen_H())

    return {
        "curve": "bn254_g1",
        "q": str(Q),
        "r": str(R),
        "seed": None,  # filled in by main()
        "add": add_cases,
        "double": double_cases,
        "neg": neg_cases,
        "scalar_mul": sm_cases,
        "msm_points": [pj(P) for P in pool],
        "msm": msm_cases,
        "encode": enc_cases,
        "decode_reject": rej_cases,
        "hash_to_g1": h_cases,
        "pedersen": ped_cases,
    }


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def dump(obj):
    """Deterministic JSON: keys in the given order, one array entry per line."""
    lines = ["{"]
    items = list(obj.items())
    for n, (k, v) in enumerate(items):
        comma = "," if n + 1 < len(items) else ""
        if isinstance(v, list):
            lines.append(f"  {json.dumps(k)}: [")
            body = [json.dumps(c, ensure_ascii=False, separators=(", ", ": ")) for c in v]
            if body:
                lines.append(",\n".join("    " + b for b in body))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def verify(obj):
    """Second, independent pass over the parsed JSON: every value is recomputed
    from the file's own inputs with the Jacobian implementation (not py_ecc)."""
    def pt(v):
        if v == "infinity":
            return None
        x, y = int(v["x"]), int(v["y"])
        assert 0 <= x < Q and 0 <= y < Q and (y * y - x ** 3 - 3) % Q == 0
        return (x, y)

    def jmsm(points, scalars):
        acc = J_INF
        for P, k in zip(points, scalars):
            acc = j_add(acc, j_mul(j_from(P), k))
        return j_affine(acc)

    for c in obj["add"]:
        assert pt(c["result"]) == j_affine(j_add(j_from(pt(c["a"])), j_from(pt(c["b"]))))
    for c in obj["double"]:
        assert pt(c["result"]) == j_affine(j_double(j_from(pt(c["a"]))))
    for c in obj["neg"]:
        assert pt(c["result"]) == j_affine(j_neg(j_from(pt(c["a"]))))
    for c in obj["scalar_mul"]:
        k = int(c["scalar"])
        assert 0 <= k < R
        if "signed" in c:
            assert c["signed"] % R == k
        assert pt(c["result"]) == j_affine(j_mul(j_from(pt(c["point"])), k))
    pool = [pt(p) for p in obj["msm_points"]]
    for c in obj["msm"]:
        assert len(c["points"]) == len(c["scalars"])
        assert all(0 <= i < len(pool) for i in c["points"])
        ks = [int(s) for s in c["scalars"]]
        assert all(0 <= k < R for k in ks)
        if "signed" in c:
            assert [s % R for s in c["signed"]] == ks
        assert pt(c["result"]) == jmsm([pool[i] for i in c["points"]], ks)
    for c in obj["encode"]:
        P = pt(c["point"])
        assert decompress(bytes.fromhex(c["compressed"])) == ("ok", P)
        assert len(c["compressed"]) == 64 and c["compressed"] == c["compressed"].lower()
        if P is not None:
            # Flipping the "larger" bit must give the negated point.
            flipped = bytearray.fromhex(c["compressed"])
            flipped[31] ^= FLAG_LARGE
            assert decompress(bytes(flipped)) == ("ok", (P[0], (Q - P[1]) % Q))
    for c in obj["decode_reject"]:
        assert decompress(bytes.fromhex(c["compressed"])) == ("reject", c["reason"])
    gens = {}
    for c in obj["hash_to_g1"]:
        P, ctr = hash_to_g1(c["label"].encode("utf-8"), c["index"])
        assert pt(c["point"]) == ints(P) and ctr == c["counter"]
        assert int(c["point"]["y"]) <= HALF_Q
        assert decompress(bytes.fromhex(c["compressed"])) == ("ok", ints(P))
        gens[(c["label"], c["index"])] = ints(P)
    Hgen = gens[(PEDERSEN_H_LABEL.decode(), 0)]
    for c in obj["pedersen"]:
        P = pt(c["commitment"])
        assert decompress(bytes.fromhex(c["compressed"])) == ("ok", P)
        vals = [int(v) for v in c["values"]]
        rho = int(c["blinding"])
        assert 0 <= rho < R and all(0 <= v < R for v in vals)
        if "signed" in c:
            assert [s % R for s in c["signed"]] == vals
        # The generators come from the hash_to_g1 cases of this very file.
        Gs = [gens[(PEDERSEN_G_LABEL.decode(), j)] for j in range(len(vals))]
        assert P == jmsm(Gs + [Hgen], vals + [rho])


def main():
    t0 = time.time()
    # Facts the specification relies on.
    assert multiply(G1, R) is None and multiply(G1, R - 1) == neg(G1)
    # External anchors: the widely published values of 2*G and 3*G (they
    # appear in many EIP-196 ecAdd/ecMul test suites).
    assert ints(double(G1)) == (
        1368015179489954701390400359078579693043519447331113978918064868415326638035,
        9918110051302171585080402603319702774565515993150576347155970296011118125764)
    assert ints(multiply(G1, 3)) == (
        3353031288059533942658390886683067124040920775575537747144343083137631628272,
        19321533766552368860946552437480515441416830039777911637913418824951667761761)
    # -3 has no cube root mod q, so no point has y = 0 (as expected: the
    # group has odd prime order, so there is no point of order 2).
    assert pow(Q - 3, (Q - 1) // 3, Q) != 1
    assert sqrt_q(3) is None  # x = 0 is not on the curve

    rng = random.Random(SEED)
    obj = build(rng)
    obj["seed"] = SEED
    text = dump(obj)
    parsed = json.loads(text)
    assert parsed == obj  # the writer must round-trip
    verify(parsed)
    with open(os.path.join(OUT_DIR, OUT_NAME), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    counts = ", ".join(f"{k} {len(v)}" for k, v in obj.items() if isinstance(v, list))
    print(f"{OUT_NAME}: {counts}; {len(text.encode('utf-8'))} bytes; "
          f"{time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
