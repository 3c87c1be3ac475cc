#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Damage a cached baseline index (common/baseline/baseline_index.c) in
place, the ways a disk, a crash or a careless tool could:

    index.py KIND INDEX

truncate     cut it in half
empty        no bytes at all
oversize     1 MiB of garbage appended
flip-head    one bit flipped in the header
flip-keys    one bit flipped in every key's hash
flip-names   one bit flipped in every key's name
flip-buckets one bit flipped in every bucket
flip-lines   one bit flipped in every line's hash
flip-middle  one bit flipped in the middle (maybe in nothing a unit reads)
counts       every key's line count too large, key checks made to match
swap         every key given the next key's lines, checks made to match:
             each key then names lines that are about another name

Every kind but flip-middle damages what any compile reads; the last two
are consistent to every check a key carries, and only the bounds checks
and the check that each line read is the record the index names stand
between them and a wrong result.
"""
import struct
import sys

MASK = (1 << 64) - 1
P1 = 0x9e3779b185ebca87
P2 = 0xc2b2ae3d27d4eb4f
P3 = 0x165667b19e3779f9
P4 = 0x85ebca77c2b2ae63
# magic, version, the text's identity (7), has_identity, text_hash,
# nlines, neager, nkeys, nbuckets, names_size, check
HEADER = struct.Struct("<8s16Q")
LINE = struct.Struct("<QIIQ")  # offset, len, line_no, hash
KEY = struct.Struct("<QIIIIQ")  # hash, name_off, name_len, first, count, check


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


def header_check(data):
    return content_hash(bytes(data[: HEADER.size - 8]))


def layout(data):
    head = HEADER.unpack_from(data, 0)
    nlines, nkeys, nbuckets, names_size = head[11], head[13], head[14], head[15]
    keys_at = HEADER.size + nlines * LINE.size
    buckets_at = keys_at + nkeys * KEY.size
    return nlines, nkeys, nbuckets, keys_at, buckets_at, len(data) - names_size


def key_check(key):
    return content_hash(KEY.pack(*key)[: KEY.size - 8])


def rewrite_keys(data, change):
    """Apply change(k, key) -> key to every key, with its check renewed."""
    nlines, nkeys, nbuckets, keys_at, buckets_at, names_at = layout(data)
    keys = [list(KEY.unpack_from(data, keys_at + k * KEY.size)) for k in range(nkeys)]
    new = [change(k, keys) for k in range(nkeys)]
    for k in range(nkeys):
        new[k][5] = key_check(new[k])
        KEY.pack_into(data, keys_at + k * KEY.size, *new[k])


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    head = HEADER.unpack_from(data, 0)
    if head[0] != b"ABGIDX\0\3" or header_check(data) != head[16]:
        sys.stderr.write("%s: not an intact index (index.py out of date?)\n" % path)
        return 1
    nlines, nkeys, nbuckets, keys_at, buckets_at, names_at = layout(data)
    if kind == "truncate":
        data = data[: len(data) // 2]
    elif kind == "empty":
        data = bytearray()
    elif kind == "oversize":
        data += b"\xa5" * (1 << 20)
    elif kind == "flip-head":
        data[8 * 3 + 2] ^= 0x01  # the text's inode
    elif kind == "flip-keys":
        for k in range(nkeys):
            data[keys_at + k * KEY.size + 3] ^= 0x04
    elif kind == "flip-names":
        for k in range(nkeys):
            off = KEY.unpack_from(data, keys_at + k * KEY.size)[1]
            data[names_at + off + 1] ^= 0x20
    elif kind == "flip-buckets":
        for b in range(nbuckets + 1):
            data[buckets_at + 4 * b] ^= 0x01
    elif kind == "flip-lines":
        for i in range(nlines):
            data[HEADER.size + i * LINE.size + 16] ^= 0x01
    elif kind == "flip-middle":
        data[len(data) // 2] ^= 0x10
    elif kind == "counts":
        rewrite_keys(data, lambda k, keys: keys[k][:4] + [0xFFFFFFF0, 0])
    elif kind == "swap":
        rewrite_keys(data, lambda k, keys: keys[k][:3] + keys[(k + 1) % nkeys][3:5] + [0])
    else:
        sys.stderr.write("unknown kind %s\n" % kind)
        return 2
    with open(path, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
