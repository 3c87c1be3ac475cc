#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Damage a cached baseline index (common/baseline/baseline_index.c) in
place, the ways a disk, a crash or a careless tool could:

    index.py KIND INDEX

truncate     cut it in half
empty        no bytes at all
oversize     1 MiB of garbage appended
flip-head    one bit flipped in the header
flip-slots   one bit flipped in every key's hash
flip-empty   one bit flipped in every empty slot
flip-runs    one bit flipped in every key's hash of its run of text, the
             slot's check made to match
flip-lines   one bit flipped in every line's hash
flip-middle  one bit flipped in the middle (maybe in nothing a unit reads)
counts       every key's line count one larger, slot checks made to match
swap         every key given the next key's lines, checks made to match:
             each key then names lines that are about another name

Every kind but flip-middle damages what any compile reads; the last three
are consistent to every check a slot carries, and only the hash of the
text read, the bounds checks and the check that each line read is the
record the index names stand between them and a wrong result.
"""
import struct
import sys

MASK = (1 << 64) - 1
P1 = 0x9e3779b185ebca87
P2 = 0xc2b2ae3d27d4eb4f
P3 = 0x165667b19e3779f9
P4 = 0x85ebca77c2b2ae63
# magic, version, the text's identity (7), has_identity, text_hash,
# nlines, neager, nkeys, nslots, max_shift, check
HEADER = struct.Struct("<8s16Q")
LINE = struct.Struct("<QIIQ")  # offset, len, line_no, hash
# hash, offset, len, line_no, first, count, run_hash, check
SLOT = struct.Struct("<QQIIIIQQ")


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
    nlines, nslots, max_shift = head[11], head[14], head[15]
    slots_at = HEADER.size + nlines * LINE.size
    return nlines, slots_at, nslots + max_shift


def slot_check(slot, at):
    h = content_hash(SLOT.pack(*slot)[: SLOT.size - 8])
    return h ^ ((at * P3 + P4) & MASK)


def slots(data):
    nlines, slots_at, size = layout(data)
    for at in range(size):
        yield at, slots_at + at * SLOT.size, list(SLOT.unpack_from(data, slots_at + at * SLOT.size))


def rewrite_slots(data, change):
    """Apply change(i, keys) -> key to every occupied slot, checks renewed."""
    keys = [(at, off, slot) for at, off, slot in slots(data) if slot[5]]
    new = [change(i, [k[2] for k in keys]) for i in range(len(keys))]
    for (at, off, _), slot in zip(keys, new):
        slot[7] = slot_check(slot, at)
        SLOT.pack_into(data, off, *slot)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    head = HEADER.unpack_from(data, 0)
    if head[0] != b"ABGIDX\0\4" or header_check(data) != head[16]:
        sys.stderr.write("%s: not an intact index (index.py out of date?)\n" % path)
        return 1
    nlines = layout(data)[0]
    if kind == "truncate":
        data = data[: len(data) // 2]
    elif kind == "empty":
        data = bytearray()
    elif kind == "oversize":
        data += b"\xa5" * (1 << 20)
    elif kind == "flip-head":
        data[8 * 3 + 2] ^= 0x01  # the text's inode
    elif kind in ("flip-slots", "flip-empty"):
        for at, off, slot in slots(data):
            if (slot[5] != 0) == (kind == "flip-slots"):
                data[off + 3] ^= 0x04
    elif kind == "flip-runs":
        rewrite_slots(data, lambda i, keys: keys[i][:6] + [keys[i][6] ^ 0x10, 0])
    elif kind == "flip-lines":
        for i in range(nlines):
            data[HEADER.size + i * LINE.size + 16] ^= 0x01
    elif kind == "flip-middle":
        data[len(data) // 2] ^= 0x10
    elif kind == "counts":
        rewrite_slots(data, lambda i, keys: keys[i][:5] + [keys[i][5] + 1, keys[i][6], 0])
    elif kind == "swap":
        rewrite_slots(data, lambda i, keys: keys[i][:1] + keys[(i + 1) % len(keys)][1:7] + [0])
    else:
        sys.stderr.write("unknown kind %s\n" % kind)
        return 2
    with open(path, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
