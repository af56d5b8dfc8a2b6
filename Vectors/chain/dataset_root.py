#!/usr/bin/env python3
"""Known answer for zkinfer's dataset Merkle root (ZKChain DatasetCommitment), computed
independently with hashlib and struct: each sample's leaf is its value count (uint32, little
endian) then each value's float32 bits (little endian); the tree is RFC 6962 (leaf = SHA-256 of
0x00 || data, node = SHA-256 of 0x01 || left || right, the left subtree holding the largest power
of two below n). Prints the samples and the root that DatasetCommandTests checks.

Usage: python3 Vectors/chain/dataset_root.py
"""
import hashlib
import struct

SAMPLES = [[1.0, -2.5], [0.25], [3.0, 4.0, 5.0]]


def leaf(sample):
    return struct.pack("<I", len(sample)) + b"".join(struct.pack("<f", v) for v in sample)


def root(leaves):
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + root(leaves[:k]) + root(leaves[k:])).digest()


if __name__ == "__main__":
    print(SAMPLES)
    print(root([leaf(s) for s in SAMPLES]).hex())
