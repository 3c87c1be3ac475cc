#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Damage a cached baseline index (common/baseline/baseline_index.c) in
place, the ways a disk, a crash or a careless tool could:

    index.py KIND INDEX

truncate   cut it in half
empty      no bytes at all
flip-body  one bit flipped in the body (its hash no longer matches)
flip-head  one bit flipped in the text hash the header records
oversize   1 MiB of garbage appended
counts     a line count too large for the file, hashes made to match
swap       two keys' lines swapped, hashes made to match: each key now
           names lines that are about another name

The last two are consistent to every hash: only the bounds checks and the
check that each line read is the record the index names stand between them
and a wrong result.
"""
import struct
import sys

MASK = (1 << 64) - 1
P1 = 0x9e3779b185ebca87
P2 = 0xc2b2ae3d27d4eb4f
P3 = 0x165667b19e3779f9
P4 = 0x85ebca77c2b2ae63
HEADER = struct.Struct("<8s8Q")  # magic, version, text_size, text_hash,
#                                  body_hash, nlines, neager, nkeys, names_size
LINE = struct.Struct("<QII")
KEY = struct.Struct("<QIIII")


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & MASK


def lane(acc, word):
    return (rotl((acc + word * P2) & MASK, 31) * P1) & MASK


def content_hash(data):
    """abg_content_hash(), for a little-endian machine."""
    n = len(data)
    v = [(P1 + P2) & MASK, P2, 0, (0 - P1) & MASK]
    p = 0
    while n - p >= 32:
        for i in range(4):
            v[i] = lane(v[i], struct.unpack_from("<Q", data, p + 8 * i)[0])
        p += 32
    h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & MASK
    for i in range(4):
        h = ((h ^ lane(0, v[i])) * P1 + P4) & MASK
    h = (h + n) & MASK
    while n - p >= 8:
        word = struct.unpack_from("<Q", data, p)[0]
        h = (rotl(h ^ lane(0, word), 27) * P1 + P4) & MASK
        p += 8
    while p < n:
        h = (rotl(h ^ ((data[p] * P3) & MASK), 11) * P1) & MASK
        p += 1
    h ^= h >> 33
    h = (h * P2) & MASK
    h ^= h >> 29
    h = (h * P3) & MASK
    return h ^ (h >> 32)


def rehash(data):
    head = list(HEADER.unpack_from(data, 0))
    head[4] = content_hash(bytes(data[HEADER.size:]))
    HEADER.pack_into(data, 0, *head)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    head = HEADER.unpack_from(data, 0)
    if head[0] != b"ABGIDX\0\1" or content_hash(bytes(data[HEADER.size:])) != head[4]:
        sys.stderr.write("%s: not an intact index (hash port out of date?)\n" % path)
        return 1
    nlines, neager, nkeys = head[5], head[6], head[7]
    keys_at = HEADER.size + nlines * LINE.size
    if kind == "truncate":
        data = data[: len(data) // 2]
    elif kind == "empty":
        data = bytearray()
    elif kind == "flip-body":
        data[HEADER.size + (len(data) - HEADER.size) // 2] ^= 0x10
    elif kind == "flip-head":
        data[8 * 3 + 2] ^= 0x01  # the text hash
    elif kind == "oversize":
        data += b"\xa5" * (1 << 20)
    elif kind == "counts":
        for k in range(nkeys):
            at = keys_at + k * KEY.size
            h, off, ln, first, count = KEY.unpack_from(data, at)
            KEY.pack_into(data, at, h, off, ln, first, 0xFFFFFFF0)
        rehash(data)
    elif kind == "swap":
        # Every key gets the lines of the key after it.
        keys = [list(KEY.unpack_from(data, keys_at + k * KEY.size)) for k in range(nkeys)]
        spans = [(k[3], k[4]) for k in keys]
        for k in range(nkeys):
            keys[k][3], keys[k][4] = spans[(k + 1) % nkeys]
            KEY.pack_into(data, keys_at + k * KEY.size, *keys[k])
        rehash(data)
    else:
        sys.stderr.write("unknown kind %s\n" % kind)
        return 2
    with open(path, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
