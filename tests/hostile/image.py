#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Damage or forge a cached baseline image (common/baseline/baseline_image.c)
in place:

    image.py KIND IMAGE

truncate       cut it in half
empty          no bytes at all
oversize       1 MiB of garbage appended
flip-head      one bit flipped in the header
flip-body      one bit flipped in the middle of the body
forge-counts   the string table claims 2**32 - 1 strings, checksum renewed
forge-types    the type table claims 2**31 types, checksum renewed
forge-strings  the first type names a string past the table, checksum renewed

The forgeries hold to the checksum: only the bounds checks of the reader
stand between them and a wrong model or a runaway allocation.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from index import content_hash  # noqa: E402

# magic, version, byte order, formats, text hash, body length, body hash
HEADER = struct.Struct("<8sIIQQQQ")
BODY_HASH_AT = HEADER.size - 8


def types_at(data):
    """Where the type count is: after the string table."""
    p = HEADER.size
    (n,) = struct.unpack_from("<I", data, p)
    p += 4
    for _ in range(n):
        (length,) = struct.unpack_from("<I", data, p)
        p += 4 + length
    return p


def reseal(data):
    h = content_hash(bytes(data[HEADER.size:]))
    struct.pack_into("<Q", data, BODY_HASH_AT, h)


def forge(data, kind):
    if kind == "forge-counts":
        struct.pack_into("<I", data, HEADER.size, 0xFFFFFFFF)
    elif kind == "forge-types":
        struct.pack_into("<I", data, types_at(data), 0x80000000)
    elif kind == "forge-strings":
        # The first type: its kind, then its name.
        struct.pack_into("<I", data, types_at(data) + 8, 0xFFFFFFF0)
    reseal(data)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if kind == "truncate":
        data = data[: len(data) // 2]
    elif kind == "empty":
        data = bytearray()
    elif kind == "oversize":
        data += os.urandom(1 << 20)
    elif kind == "flip-head":
        data[20] ^= 0x04
    elif kind == "flip-body":
        data[(HEADER.size + len(data)) // 2] ^= 0x10
    elif kind.startswith("forge-"):
        forge(data, kind)
    else:
        sys.exit("unknown kind " + kind)
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
