#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make a baseline COPIES times larger than a real one.

  scale-baseline.py IN.abi OUT.abi COPIES [--prefix synth]

A 100,000-declaration library takes long to build, but its baseline is only
text: this takes a baseline that `abiguard baseline update` wrote and writes
COPIES renamed copies of its symbols and types into one file, in the order
docs/baseline-format.md prescribes (symbols grouped by node and sorted by
name, base types by name, named types by the name a C programmer writes,
fields in declaration order). Copy 0 keeps its names; copy k renames every
identifier that starts with PREFIX_ to PREFIXk_ and every enumerator that
starts with PREFIX-in-capitals_ likewise. Version nodes, base types and
types every copy shares (uint32_t, size_t, ...) appear once.
"""

import argparse
import re
import sys


def parse(path):
    header, top, groups, base, types = [], [], {}, [], []
    group_order = []
    section = None
    with open(path) as f:
        lines = f.read().split("\n")
    for line in lines:
        if not line:
            continue
        if line.startswith("#"):
            title = line[2:]
            if title == "base types":
                section = "base"
            elif title == "types":
                section = "types"
            elif section is not None or top:
                section = ("group", title)
                if title not in groups:
                    groups[title] = []
                    group_order.append(title)
            else:
                header.append(line)
            continue
        if section is None:
            top.append(line)
        elif section == "base":
            base.append(line)
        elif section == "types":
            types.append(line)
        else:
            groups[section[1]].append(line)
    return header, top, group_order, groups, base, types


def type_key(line):
    w = line.split(" ")
    if w[0] in ("struct", "union", "enum"):
        return w[0] + " " + w[1]
    if w[0] == "typedef":
        return w[1]
    sys.exit("unexpected line in types: " + line)


def symbol_key(line):
    w = line.split(" ", 2)[1]
    if "@@" in w:
        name, default = w.split("@@", 1)[0], 1
    elif "@" in w:
        name, default = w.split("@", 1)[0], 0
    else:
        name, default = w, 1
    return (name.encode(), default, line.encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("copies", type=int)
    ap.add_argument("--prefix", default="synth")
    a = ap.parse_args()

    header, top, group_order, groups, base, types = parse(a.input)
    low = re.compile(r"\b%s_" % re.escape(a.prefix))
    up = re.compile(r"\b%s_(?=[A-Z])" % re.escape(a.prefix.upper()))

    def rename(line, k):
        if k == 0:
            return line
        line = low.sub("%s%d_" % (a.prefix, k), line)
        return up.sub("%s%d_" % (a.prefix.upper(), k), line)

    out_groups = {g: [] for g in group_order}
    blocks = {}  # key -> list of lines (one definition with its fields)
    for k in range(a.copies):
        for g in group_order:
            out_groups[g] += [rename(line, k) for line in groups[g]]
        copy = {}
        for line in types:
            line = rename(line, k)
            copy.setdefault(type_key(line), []).append(line)
        for key, lines in copy.items():
            if key in blocks and blocks[key] != lines:
                sys.exit("two different definitions of %s" % key)
            blocks[key] = lines

    with open(a.output, "w") as f:
        for line in header + top:
            f.write(line + "\n")
        for g in group_order:
            f.write("\n# %s\n" % g)
            for line in sorted(out_groups[g], key=symbol_key):
                f.write(line + "\n")
        f.write("\n# base types\n")
        for line in base:  # shared by every copy, already in order
            f.write(line + "\n")
        f.write("\n# types\n")
        for key in sorted(blocks, key=lambda s: s.encode()):
            for line in blocks[key]:
                f.write(line + "\n")
    nsym = sum(len(v) for v in out_groups.values())
    print("%s: %d symbols, %d named types" % (a.output, nsym, len(blocks)))


if __name__ == "__main__":
    main()
