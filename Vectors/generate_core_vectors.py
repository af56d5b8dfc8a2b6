#!/usr/bin/env python3
"""Known-answer vectors for the zkinfer cryptographic core.

This is an independent reference implementation of Vectors/SPEC.md (fields,
Fiat-Shamir transcript v1, RFC 6962 Merkle tree).  It shares no code with the
Swift sources: the Swift test suite only *reads* the JSON files written here,
so a bug has to be made twice, in two languages, to go unnoticed.

    pip install gmpy2 && python3 Vectors/generate_core_vectors.py

Output (next to this script): field_bn254_fr.json, field_bn254_fq.json,
transcript.json, merkle.json.  The run is fully deterministic: re-running it
rewrites every file byte-identically.

Determinism notes
  * Each output file has its own random.Random stream seeded with
    SEED + offset (offset 0..3, see STREAMS); the seed used is written into the
    file.  Only Random.getrandbits() is used (plus our own rejection sampling),
    because its output for an integer seed is stable across CPython 3.x
    versions, whereas helpers like randrange/randbytes/choice have changed
    their internals between releases.
  * JSON is written with a fixed key order and one case per line.
"""

import hashlib
import json
import os
import random
import struct

import gmpy2
from gmpy2 import mpz

SEED = 20261121
# Independent RNG stream per output file, so adding cases to one file never
# changes the vectors in another.
STREAMS = {"bn254_fr": 0, "bn254_fq": 1, "transcript": 2, "merkle": 3}

OUT_DIR = os.path.dirname(os.path.abspath(__file__))

FIELDS = {
    "bn254_fr": 0x30644E72E131A029B85045B68181585D2833E84879B9709143E1F593F0000001,
    "bn254_fq": 0x30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD47,
}
FR = FIELDS["bn254_fr"]


# --------------------------------------------------------------------------
# Deterministic randomness (getrandbits only, see module docstring)
# --------------------------------------------------------------------------

def below(rng, n):
    """Uniform integer in [0, n) by rejection sampling on getrandbits."""
    assert n >= 1
    if n == 1:
        return 0
    bits = (n - 1).bit_length()
    while True:
        x = rng.getrandbits(bits)
        if x < n:
            return x


def between(rng, lo, hi):
    """Uniform integer in [lo, hi] (inclusive)."""
    return lo + below(rng, hi - lo + 1)


def rand_bytes(rng, n):
    if n == 0:
        return b""
    return rng.getrandbits(8 * n).to_bytes(n, "little")


# --------------------------------------------------------------------------
# Prime fields (gmpy2 does the arithmetic; plain Python ints cross-check it)
# --------------------------------------------------------------------------

class Field:
    def __init__(self, name, p):
        self.name = name
        self.p = mpz(p)
        self.pi = p  # plain int copy for the cross-checks
        assert gmpy2.is_prime(self.p)
        assert self.pi < 2**254  # every canonical element fits in 32 bytes

    def add(self, a, b):
        r = int((mpz(a) + mpz(b)) % self.p)
        assert r == (a + b) % self.pi
        return r

    def sub(self, a, b):
        # gmpy2 '%' with a positive modulus returns a non-negative result.
        r = int((mpz(a) - mpz(b)) % self.p)
        assert r == (a - b) % self.pi
        return r

    def mul(self, a, b):
        r = int((mpz(a) * mpz(b)) % self.p)
        assert r == (a * b) % self.pi
        return r

    def neg(self, a):
        r = int((-mpz(a)) % self.p)
        assert r == (self.pi - a) % self.pi
        return r

    def square(self, a):
        r = int((mpz(a) * mpz(a)) % self.p)
        assert r == self.mul(a, a)
        return r

    def inverse(self, a):
        assert a % self.pi != 0
        r = int(gmpy2.invert(mpz(a), self.p))
        # Required self-check: a * a^-1 == 1, plus Fermat as a second route.
        assert (a * r) % self.pi == 1
        assert r == pow(a, self.pi - 2, self.pi)
        return r

    def pow(self, a, e):
        # 0^0 is taken to be 1 (empty product), as both gmpy2 and Python do.
        r = int(gmpy2.powmod(mpz(a), mpz(e), self.p))
        assert r == pow(a, e, self.pi)
        return r

    def reduce_wide(self, wide):
        assert len(wide) == 64
        r = int(mpz(int.from_bytes(wide, "little")) % self.p)
        assert r == int.from_bytes(wide, "little") % self.pi
        return r

    def encode(self, a):
        assert 0 <= a < self.pi
        out = int(a).to_bytes(32, "little")
        assert self.decode(out) == a  # required round-trip self-check
        return out

    def decode(self, data):
        """Canonical decoding: returns None for a 32-byte value >= p."""
        assert len(data) == 32
        v = int.from_bytes(data, "little")
        return v if v < self.pi else None


def field_edge_values(p):
    vals = [0, 1, 2, p - 1, p - 2, (p - 1) // 2, (p + 1) // 2,
            2**64 - 1, 2**64, 2**128, 2**192, pow(2, 255, p)]
    assert all(0 <= v < p for v in vals)
    return vals


def rand_element(rng, p, nonzero=False):
    """Mostly uniform in [0,p); ~10% small (< 2^64); ~10% within 2^64 of p."""
    while True:
        r = below(rng, 10)
        if r == 0:
            # small values; sometimes very small to exercise single-limb paths
            x = rng.getrandbits(64) if below(rng, 2) else rng.getrandbits(8)
        elif r == 1:
            x = p - 1 - rng.getrandbits(64)
        else:
            x = below(rng, p)
        if not (nonzero and x == 0):
            return x


def rand_exponent(rng, p):
    """Exponents in [0, 2^256): mostly uniform 256-bit, some small, some near p / 2^256."""
    r = below(rng, 10)
    if r == 0:
        return rng.getrandbits(64) if below(rng, 2) else rng.getrandbits(6)
    if r == 1:
        return p - 1 - rng.getrandbits(32) if below(rng, 2) else p + rng.getrandbits(32)
    if r == 2:
        return 2**256 - 1 - rng.getrandbits(64)
    return rng.getrandbits(256)


def rand_wide(rng, p):
    """64-byte inputs for reduce_wide: mostly uniform, some structured q*p + r."""
    r = below(rng, 10)
    if r == 0:
        # exact multiple of p (plus a tiny remainder), stays below 2^512
        q = below(rng, (2**512 - 1) // p)
        v = q * p + rng.getrandbits(2)
        if v >= 2**512:
            v = q * p
        return v.to_bytes(64, "little")
    if r == 1:
        # only the low half is non-zero: checks the "already 256-bit" case
        return rng.getrandbits(256).to_bytes(64, "little")
    return rand_bytes(rng, 64)


def build_field_file(name):
    p = FIELDS[name]
    F = Field(name, p)
    seed = SEED + STREAMS[name]
    rng = random.Random(seed)
    cases = []

    def binop(op, a, b):
        res = getattr(F, op)(a, b)
        cases.append({"op": op, "a": str(a), "b": str(b), "result": str(res)})

    def unop(op, a):
        res = getattr(F, op)(a)
        cases.append({"op": op, "a": str(a), "result": str(res)})

    def wide(w):
        cases.append({"op": "reduce_wide", "wide": w.hex(), "result": str(F.reduce_wide(w))})

    def encode(a):
        cases.append({"op": "encode", "a": str(a), "bytes": F.encode(a).hex()})

    def reject(v):
        data = v.to_bytes(32, "little")
        assert F.decode(data) is None
        cases.append({"op": "decode_reject", "bytes": data.hex()})

    # ---- edge values -----------------------------------------------------
    edges = field_edge_values(p)
    for op in ("add", "sub", "mul"):
        for a in edges:
            for b in edges:
                binop(op, a, b)
    for a in edges:
        unop("neg", a)
        unop("square", a)
        encode(a)
        if a != 0:
            unop("inverse", a)
    # Explicitly requested inverses (some repeat the loop above; kept so the
    # list is visibly complete).
    for a in (1, 2, p - 1, p - 2):
        unop("inverse", a)
    # pow: every edge base with every edge exponent.
    for a in edges:
        for e in (0, 1, 2, p - 1, p - 2, 2**256 - 1):
            binop("pow", a, e)
    wide(bytes(64))
    wide(b"\xff" * 64)
    wide(p.to_bytes(64, "little"))
    for v in (p - 1, p + 1, 2 * p, 2**256 - 1, 2**256, 2**256 + p, p * p,
              2**511, 2**512 - 1 - ((2**512 - 1) % p)):  # last = largest multiple of p
        wide(v.to_bytes(64, "little"))
    for v in (p, p + 1, p + 2, 2 * p - 1, 2 * p, 2**254, 2**255, 2**256 - 2, 2**256 - 1):
        reject(v)

    # ---- random cases ----------------------------------------------------
    for op in ("add", "sub", "mul"):
        for _ in range(1000):
            binop(op, rand_element(rng, p), rand_element(rng, p))
    for _ in range(1000):
        unop("inverse", rand_element(rng, p, nonzero=True))
    for _ in range(1000):
        binop("pow", rand_element(rng, p), rand_exponent(rng, p))
    for _ in range(200):
        unop("neg", rand_element(rng, p))
    for _ in range(200):
        unop("square", rand_element(rng, p))
    for _ in range(200):
        wide(rand_wide(rng, p))
    for _ in range(200):
        encode(rand_element(rng, p))
    for i in range(200):
        if i % 4 == 0:
            reject(p + rng.getrandbits(64))          # just above p
        elif i % 4 == 1:
            reject(2**256 - 1 - rng.getrandbits(64))  # just below 2^256
        else:
            reject(between(rng, p, 2**256 - 1))      # uniform in [p, 2^256)

    return {"field": name, "modulus": str(p), "seed": seed, "cases": cases}


# --------------------------------------------------------------------------
# Transcript v1
# --------------------------------------------------------------------------

def u32(x):
    return struct.pack("<I", x)


def u64(x):
    return struct.pack("<Q", x)


def H(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
    return h.digest()


class Transcript:
    def __init__(self, domain):
        self.state = H(b"zkinfer.transcript.v1", u64(len(domain)), domain)

    def absorb(self, label, data):
        self.state = H(self.state, b"\x01", u64(len(label)), label, u64(len(data)), data)

    def challenge(self, label, n):
        # The state is ratcheted first; the output is an expansion of the
        # *new* state and does not change the state again.
        self.state = H(self.state, b"\x02", u64(len(label)), label, u64(n))
        out = bytearray()
        counter = 0
        while len(out) < n:
            out += H(self.state, b"\x10", u32(counter))
            counter += 1
        return bytes(out[:n])

    def challenge_scalar(self, label):
        return int.from_bytes(self.challenge(label, 64), "little") % FR

    def challenge_indices(self, label, count, bound):
        assert bound >= 1 and bound & (bound - 1) == 0 and bound <= 2**64
        raw = self.challenge(label, 8 * count)
        vals = [int.from_bytes(raw[8 * i:8 * i + 8], "little") % bound for i in range(count)]
        # bound is a power of two, so "mod bound" is the same as masking.
        assert vals == [int.from_bytes(raw[8 * i:8 * i + 8], "little") & (bound - 1)
                        for i in range(count)]
        return vals


def run_transcript_case(domain, ops):
    """ops: list of tuples; returns the JSON case with outputs filled in."""
    t = Transcript(domain.encode("utf-8"))
    out_ops = []
    for op in ops:
        kind, label = op[0], op[1]
        lb = label.encode("utf-8")
        if kind == "absorb":
            data = op[2]
            t.absorb(lb, data)
            out_ops.append({"op": "absorb", "label": label, "data": data.hex()})
        elif kind == "challenge":
            n = op[2]
            out = t.challenge(lb, n)
            assert len(out) == n
            out_ops.append({"op": "challenge", "label": label, "length": n, "output": out.hex()})
        elif kind == "challenge_scalar":
            out_ops.append({"op": "challenge_scalar", "label": label,
                            "output": str(t.challenge_scalar(lb))})
        elif kind == "challenge_indices":
            count, bound = op[2], op[3]
            vals = t.challenge_indices(lb, count, bound)
            assert all(0 <= v < bound for v in vals)
            out_ops.append({"op": "challenge_indices", "label": label, "count": count,
                            "bound": bound, "output": vals})
        else:
            raise ValueError(kind)
    return {"domain": domain, "operations": out_ops, "final_state": t.state.hex()}


def fr_bytes(values):
    """Concatenated canonical encodings of bn254_fr elements."""
    F = Field("bn254_fr", FR)
    return b"".join(F.encode(v) for v in values)


def build_transcript_file():
    seed = SEED + STREAMS["transcript"]
    rng = random.Random(seed)
    programs = []  # (domain, ops)

    # 1-3: empty domain; empty label and data.
    programs.append(("", []))
    programs.append(("", [("absorb", "", b""), ("challenge", "", 32)]))
    programs.append(("", [("challenge", "", 0), ("challenge_scalar", ""),
                          ("challenge_indices", "", 0, 1)]))
    # 4: a domain only (state after new()).
    programs.append(("zkinfer", []))
    # 5: long data.
    programs.append(("zkinfer/long", [("absorb", "blob", rand_bytes(rng, 10000)),
                                      ("challenge", "c", 32)]))
    # 6-12: each challenge length on its own.
    for n in (0, 1, 31, 32, 33, 64, 100):
        programs.append((f"len-{n}", [("absorb", "x", b"\x00"), ("challenge", "out", n)]))
    # 13: all challenge lengths in one transcript (state chaining across them).
    programs.append(("lengths", [("challenge", f"c{n}", n)
                                 for n in (0, 1, 31, 32, 33, 64, 100, 1000)]))
    # 14-17: field-element data.
    edges = field_edge_values(FR)
    programs.append(("fr", [("absorb", "one", fr_bytes([1])), ("challenge_scalar", "alpha")]))
    programs.append(("fr", [("absorb", "edges", fr_bytes(edges)),
                            ("challenge_scalar", "alpha"), ("challenge_scalar", "beta")]))
    programs.append(("fr", [("absorb", "w", fr_bytes([rand_element(rng, FR) for _ in range(8)])),
                            ("challenge_scalar", "r"),
                            ("absorb", "w2", fr_bytes([FR - 1, 0, FR - 2])),
                            ("challenge_indices", "q", 16, 1024)]))
    programs.append(("fr-sumcheck-like",
                     [op for rnd in range(6) for op in (
                         ("absorb", f"round{rnd}",
                          fr_bytes([rand_element(rng, FR) for _ in range(3)])),
                         ("challenge_scalar", f"r{rnd}"))]))
    # 18-23: indices with each requested bound (+2^32, 2^64 as extra edges).
    for bound in (1, 2, 1024, 2**16, 2**24):
        programs.append((f"idx-{bound}", [("absorb", "root", rand_bytes(rng, 32)),
                                          ("challenge_indices", "queries", 40, bound)]))
    programs.append(("idx-wide", [("challenge_indices", "a", 5, 2**32),
                                  ("challenge_indices", "b", 5, 2**64),
                                  ("challenge_indices", "c", 1, 2**16),
                                  ("challenge_indices", "d", 0, 1024)]))
    # 24-25: framing must separate label from data and absorb from challenge.
    programs.append(("framing", [("absorb", "ab", b"c")]))
    programs.append(("framing", [("absorb", "a", b"bc")]))
    # 26: non-ASCII domain and labels (lengths are UTF-8 byte counts).
    programs.append(("zkinfer/τ·π", [("absorb", "α", "ünïcødé".encode("utf-8")),
                                      ("challenge", "β", 16), ("challenge_scalar", "γ")]))
    # 27: a long domain (> 255 bytes, so u64 length has two non-zero bytes).
    programs.append(("d" * 300, [("challenge", "c", 32)]))
    # 28: repeated identical operations must still ratchet the state.
    programs.append(("repeat", [("challenge", "same", 32)] * 3 + [("absorb", "same", b"x")] * 3))
    # 29+: random interleaved programs.
    for k in range(12):
        ops = []
        for _ in range(between(rng, 5, 40)):
            kind = below(rng, 4)
            label = "".join(chr(0x61 + below(rng, 26)) for _ in range(below(rng, 12)))
            if kind == 0:
                # mostly short data, sometimes big
                size = below(rng, 100) if below(rng, 5) else below(rng, 3000)
                ops.append(("absorb", label, rand_bytes(rng, size)))
            elif kind == 1:
                ops.append(("challenge", label, below(rng, 130)))
            elif kind == 2:
                ops.append(("challenge_scalar", label))
            else:
                ops.append(("challenge_indices", label, below(rng, 20),
                            1 << (0, 1, 10, 16, 24)[below(rng, 5)]))
        programs.append((f"random-{k}", ops))

    cases = [run_transcript_case(d, ops) for d, ops in programs]
    assert len(cases) >= 30
    # Framing self-check: the two "framing" cases must differ.
    framing = [c["final_state"] for c in cases if c["domain"] == "framing"]
    assert len(framing) == 2 and framing[0] != framing[1]
    return {"seed": seed, "cases": cases}


# --------------------------------------------------------------------------
# Merkle tree (RFC 6962)
# --------------------------------------------------------------------------

def leaf_hash(leaf):
    return H(b"\x00", leaf)


def node_hash(left, right):
    return H(b"\x01", left, right)


def split_point(n):
    """Largest power of two strictly less than n (n > 1)."""
    assert n > 1
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves):
    """RFC 6962 §2.1 MTH, literal recursion."""
    n = len(leaves)
    if n == 0:
        return H(b"")
    if n == 1:
        return leaf_hash(leaves[0])
    k = split_point(n)
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def path(m, leaves):
    """RFC 6962 §2.1.1 PATH(m, D[n]), literal recursion (sibling first)."""
    n = len(leaves)
    assert 0 <= m < n
    if n == 1:
        return []
    k = split_point(n)
    if m < k:
        return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]


def verify_inclusion(index, size, leaf, proof, root):
    """Independent iterative verifier (RFC 9162 §2.1.3.2 style), no recursion
    and no knowledge of the other leaves."""
    if index >= size:
        return False
    fn, sn = index, size - 1
    r = leaf_hash(leaf)
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


class MemoTree:
    """Memoised MTH over ranges, so PATH for n=1000 stays fast.  Same
    recursion as mth()/path(); cross-checked against them for small n."""

    def __init__(self, leaves):
        self.leaves = leaves
        self.memo = {}

    def mth(self, lo, hi):
        key = (lo, hi)
        if key not in self.memo:
            n = hi - lo
            if n == 0:
                v = H(b"")
            elif n == 1:
                v = leaf_hash(self.leaves[lo])
            else:
                k = split_point(n)
                v = node_hash(self.mth(lo, lo + k), self.mth(lo + k, hi))
            self.memo[key] = v
        return self.memo[key]

    def path(self, m, lo, hi):
        n = hi - lo
        if n == 1:
            return []
        k = split_point(n)
        if m < k:
            return self.path(m, lo, lo + k) + [self.mth(lo + k, hi)]
        return self.path(m - k, lo + k, hi) + [self.mth(lo, lo + k)]


CT_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
             "606162636465666768696a6b6c6d6e6f"]
# Published certificate-transparency reference data (roots of the first 1..8
# CT_LEAVES, and two inclusion proofs in the 8-leaf tree).
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_PATHS_8 = {
    0: ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    5: ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
}


def merkle_case(leaves, indices):
    n = len(leaves)
    tree = MemoTree(leaves)
    root = tree.mth(0, n)
    if n <= 40:
        assert root == mth(leaves)
    proofs = []
    for i in indices:
        pth = tree.path(i, 0, n)
        if n <= 40:
            assert pth == path(i, leaves)
        assert verify_inclusion(i, n, leaves[i], pth, root)
        # Negative self-checks: the verifier must not be trivially true.
        assert not verify_inclusion(i, n, leaves[i] + b"\x00", pth, root)
        if pth:
            bad = [bytes([pth[0][0] ^ 1]) + pth[0][1:]] + pth[1:]
            assert not verify_inclusion(i, n, leaves[i], bad, root)
            assert not verify_inclusion(i, n, leaves[i], pth[:-1], root)
        proofs.append({"index": i, "path": [h.hex() for h in pth]})
    return {"leaves": [l.hex() for l in leaves], "root": root.hex(), "proofs": proofs}


def rand_leaf(rng):
    r = below(rng, 10)
    if r == 0:
        return b""                                   # empty leaves
    if r == 1:
        return rand_bytes(rng, between(rng, 65, 300))  # a few long ones
    return rand_bytes(rng, between(rng, 1, 64))


def build_merkle_file():
    seed = SEED + STREAMS["merkle"]
    rng = random.Random(seed)
    cases = []

    # Classic certificate-transparency leaves, asserted against published data.
    ct = [bytes.fromhex(h) for h in CT_LEAVES]
    assert H(b"").hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    for k in range(1, 9):
        assert mth(ct[:k]).hex() == CT_ROOTS[k - 1]
    assert mth(ct).hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    for i, want in CT_PATHS_8.items():
        assert [h.hex() for h in path(i, ct)] == want
    cases.append(merkle_case(ct, list(range(8))))

    for n in list(range(0, 34)) + [64, 100, 255, 256, 257, 1000]:
        leaves = [rand_leaf(rng) for _ in range(n)]
        if n <= 40:
            idx = list(range(n))
        else:
            # first, last, last-of-left-subtree, and random distinct others
            chosen = {0, n - 1, split_point(n) - 1, split_point(n) % n}
            while len(chosen) < 20:
                chosen.add(below(rng, n))
            idx = sorted(chosen)
        cases.append(merkle_case(leaves, idx))

    # Identical leaves (proof must still be position-specific) and all-empty leaves.
    cases.append(merkle_case([b"\xab" * 32] * 7, list(range(7))))
    cases.append(merkle_case([b""] * 5, list(range(5))))
    return {"seed": seed, "cases": cases}


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def dump(obj):
    """Deterministic JSON: header keys as given, one case per line."""
    head = {k: v for k, v in obj.items() if k != "cases"}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "cases": [')
    body = [json.dumps(c, ensure_ascii=False, separators=(", ", ": ")) for c in obj["cases"]]
    lines.append(",\n".join("    " + b for b in body))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(name, obj):
    text = dump(obj)
    assert json.loads(text) == obj  # the writer must round-trip
    with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{name}: {len(obj['cases'])} cases, {len(text.encode('utf-8'))} bytes")


def main():
    write("field_bn254_fr.json", build_field_file("bn254_fr"))
    write("field_bn254_fq.json", build_field_file("bn254_fq"))
    write("transcript.json", build_transcript_file())
    write("merkle.json", build_merkle_file())


if __name__ == "__main__":
    main()
