#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rewrite the generated regions of docs/performance.md from the results
of one run of bench/run-all.sh.

    perfdoc.py DOC WORK

WORK holds machine.md and the results.md of each benchmark
(plugin-overhead/, postlink-check/, realbuild/, baseline-index/). A region
is everything between

    <!-- BEGIN GENERATED NAME: ... -->
    <!-- END GENERATED NAME -->

and is replaced whole; the text around the regions is left as it is. A
region whose benchmark did not run says so. Exit 1 when DOC names a region
this script does not know or lacks one it writes, so that the document and
the script cannot drift apart silently.
"""
import os
import re
import sys

# region -> (results file, heading the table follows; None: the first table)
TABLES = {
    "plugin-gtk": ("plugin-overhead/results.md", "## (a)"),
    "plugin-library": ("plugin-overhead/results.md", "## (b)"),
    "plugin-instructions": ("plugin-overhead/results.md", "## (c)"),
    "postlink": ("postlink-check/results.md", "## abiguard check vs"),
    "baseline-load": ("postlink-check/results.md", "## baseline load"),
    "realbuild-builds": ("realbuild/results.md", "## full builds"),
    "realbuild-pairs": ("realbuild/results.md", "## every compile"),
    "realbuild-instructions": ("realbuild/results.md", "## instructions"),
    "realbuild-units": ("realbuild/results.md", "Per compile:"),
    "baseline-index": ("baseline-index/results.md", None),
}
OTHER = ("machine", "targets")

BEGIN = re.compile(r"^<!-- BEGIN GENERATED ([a-z-]+)(:.*)? -->$")


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None


def table_after(text, heading):
    """The first Markdown table after the line starting with heading."""
    lines = text.splitlines()
    start = 0
    if heading is not None:
        for i, line in enumerate(lines):
            if line.startswith(heading):
                start = i + 1
                break
        else:
            return None
    rows = []
    for line in lines[start:]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    return "\n".join(rows) if rows else None


def parse(table):
    """Rows of a Markdown table as dicts keyed by its header cells; a
    header met again is keyed "NAME 2", "NAME 3"...: the full-builds table
    has a CPU "ratio" and then a wall-clock one, and the first is meant."""
    if not table:
        return []
    lines = table.splitlines()
    cells = lambda l: [c.strip() for c in l.strip().strip("|").split("|")]
    head, seen = [], {}
    for name in cells(lines[0]):
        seen[name] = seen.get(name, 0) + 1
        head.append(name if seen[name] == 1 else "%s %d" % (name, seen[name]))
    return [dict(zip(head, cells(l))) for l in lines[2:]]


def num(s):
    m = re.match(r"[-+]?[0-9][0-9,]*(\.[0-9]+)?", s or "")
    return float(m.group(0).replace(",", "")) if m else None


def pct(ratio):
    return "%+.1f%%" % ((ratio - 1) * 100)


def yes(ok):
    return "yes" if ok else "**no**"


# ---- the targets --------------------------------------------------------------


def libraries(n):
    return "%d %s" % (n, "library" if n == 1 else "libraries")


def t1_cpu_rows(t):
    """The rows, column and name of the CPU figure T1 is judged by: the
    compiles timed in pairs, against the whole build, when the run has
    them (two full builds are minutes apart and differ by more than check
    mode costs); else the compilers' CPU of full builds; else the builds'
    own (older results)."""
    pairs = parse(t.get("realbuild-pairs"))
    if pairs and num(pairs[0].get("of the whole build")) is not None:
        return pairs, "of the whole build", "CPU (compiles in pairs)"
    builds = parse(t.get("realbuild-builds"))
    if builds and "compilers' ratio" in builds[0]:
        return builds, "compilers' ratio", "compilers' CPU"
    return builds, "ratio", "CPU"


def target_t1(t):
    rows, key, what = t1_cpu_rows(t)
    ir = parse(t.get("realbuild-instructions"))
    if not rows and not ir:
        return "not measured in this run", "?"
    parts, ok = [], True
    for compiler in sorted({r["compiler"] for r in rows + ir}):
        cpu = [num(r[key]) for r in rows if r["compiler"] == compiler]
        cpu = [v for v in cpu if v is not None]
        ins = [num(r["ratio"]) for r in ir if r["compiler"] == compiler]
        ins = [v for v in ins if v is not None]
        got = []
        if cpu:
            got.append("%s %s to %s (%s)"
                       % (what, pct(min(cpu)), pct(max(cpu)),
                          libraries(len(cpu))))
        if ins:
            got.append("instructions %s to %s (%s)"
                       % (pct(min(ins)), pct(max(ins)), libraries(len(ins))))
        parts.append("%s: %s" % (compiler, ", ".join(got) or "no figure"))
        ok = ok and bool(cpu or ins) and all(v <= 1.02 for v in cpu + ins)
    return "; ".join(parts) + " (section 2.4)", yes(ok)


def target_t2(t):
    rows = [r for r in parse(t.get("plugin-instructions"))
            if r.get("unit", "").startswith("gtk")]
    if not rows:
        return "not measured in this run", "?"
    ratios = [(r["compiler"], num(r["ratio"])) for r in rows]
    return (", ".join("%s (%s)" % (pct(v), c) for c, v in ratios)
            + " instructions", yes(all(v <= 1.05 for _, v in ratios)))


def largest(rows):
    top = max((num(r["functions"]) for r in rows), default=None)
    return [r for r in rows if num(r["functions"]) == top]


def target_postlink(t, column, test, fmt):
    rows = largest(parse(t.get("postlink")))
    if not rows:
        return "not measured in this run", "?"
    vals = [(r["layout"], num(r[column])) for r in rows]
    return (", ".join(fmt(v) + " (" + l + ")" for l, v in vals),
            yes(all(test(v) for _, v in vals)))


def cpu_or_wall(t, cpu, wall):
    """CPU time where the table has it: on a busy machine the wall clock
    measures the neighbours."""
    rows = parse(t.get("postlink"))
    return cpu if rows and cpu in rows[0] else wall


def target_t6(t):
    rows = parse(t.get("postlink"))
    if not rows:
        return "not measured in this run", "?"
    parts, ok = [], True
    column = cpu_or_wall(t, "CPU ratio", "time ratio")
    for layout in sorted({r["layout"] for r in rows}):
        ratios = [num(r[column]) for r in rows if r["layout"] == layout]
        ok = ok and all(b > a for a, b in zip(ratios, ratios[1:]))
        parts.append("%s: %s" % (layout, ", ".join("%.1f" % v for v in ratios)))
    return ("; ".join(parts) + " times (%s), smallest to largest" % column,
            yes(ok))


def target_notes(t):
    rows = [r for r in largest(parse(t.get("postlink")))
            if r["layout"] == "umbrella"]
    if not rows:
        return "not measured in this run", "?"
    m = re.search(r"\(([0-9.]+)\)", rows[0]["library MiB (notes)"])
    notes = float(m.group(1))
    n = rows[0]["functions"]
    share = "1/%.1f of 38.5 MiB" % (38.5 / notes) if notes else "small sizes"
    return ("%.1f MiB for %s functions behind an umbrella header (%s)"
            % (notes, n, share), yes(notes <= 38.5 / 4))


def target_t7(t):
    rows = parse(t.get("baseline-load"))
    if not rows:
        return "not measured in this run", "?"
    per = [num(r["load µs/symbol"]) for r in rows]
    return ("%.2f to %.2f µs per symbol from %s to %s symbols"
            % (min(per), max(per), rows[0]["symbols"], rows[-1]["symbols"]),
            yes(max(per) <= 2 * min(per)))


def target_t8(t):
    """The whole text's load, and what a compile pays through the index:
    T8 asks that a compile's cost not grow with the baseline."""
    text = parse(t.get("baseline-load"))
    index = parse(t.get("baseline-index"))
    whole = ("the whole text: %s ms for %s symbols"
             % (text[-1]["load ms"], text[-1]["symbols"])) if text else None
    if not index:
        if not text:
            return "not measured in this run", "?"
        ms = num(text[-1]["load ms"])
        return (whole + " (text reader; section 4)",
                yes(ms < 100 and num(text[-1]["symbols"]) >= 100000))
    per = [num(r["index ms"]) for r in index]
    result = ("what a compile reads, through the index: %.2f to %.2f ms "
              "from %s to %s declarations (section 4.2)"
              % (min(per), max(per), index[0]["declarations"],
                 index[-1]["declarations"]))
    if whole:
        result += "; " + whole
    flat = max(per) <= 1.5 * min(per)
    return result, yes(max(per) <= 5 and flat)


def targets(t):
    rows = [
        ("T1", "whole library build at -O2, GCC and Clang: check mode "
               "within 2%", target_t1(t)),
        ("T2", "a front-end-heavy unit (`#include <gtk/gtk.h>`): within 5%",
         target_t2(t)),
        ("T3", "post-link check of the largest library in under 1 s "
               "(CPU)",
         target_postlink(t, cpu_or_wall(t, "abiguard CPU s", "abiguard s"),
                         lambda v: v < 1, lambda v: "%.3f s" % v)),
        ("T4", "... at a tenth of the memory of `abidw` + `abidiff`",
         target_postlink(t, "memory ratio", lambda v: v >= 10,
                         lambda v: "1/%.1f" % v)),
        ("T5", "... at least 100 times faster than `abidw` + `abidiff` "
               "(CPU)",
         target_postlink(t, cpu_or_wall(t, "CPU ratio", "time ratio"),
                         lambda v: v >= 100, lambda v: "%.0f times" % v)),
        ("T6", "... and the gap grows with size", target_t6(t)),
        ("T7", "baseline load and compare linear in the size of the "
               "library", target_t7(t)),
        ("T8", "a 100,000-declaration baseline costs a compile in check "
               "mode at most 5 ms, flat from 1,000 declarations",
         target_t8(t)),
        ("T9", "notes at most a quarter of the 38.5 MiB of the first "
               "measurement", target_notes(t)),
    ]
    out = ["| # | target | result | met? |", "|---|---|---|---|"]
    for key, what, (result, met) in rows:
        out.append("| %s | %s | %s | %s |" % (key, what, result, met))
    return "\n".join(out)


# ---- the document -------------------------------------------------------------


def region_text(name, work, tables):
    if name == "machine":
        return read(os.path.join(work, "machine.md")).rstrip("\n")
    if name == "targets":
        return targets(tables)
    table = tables.get(name)
    if table is None:
        path = TABLES[name][0]
        why = read(os.path.join(work, os.path.dirname(path), "skipped"))
        return "_Not measured in this run%s._" % (
            ": " + why.strip() if why else "")
    return table


def rewrite(doc_text, work, tables):
    out, seen, inside = [], set(), None
    for line in doc_text.splitlines():
        m = BEGIN.match(line)
        if inside:
            if line == "<!-- END GENERATED %s -->" % inside:
                out.append(line)
                inside = None
            continue
        out.append(line)
        if m:
            name = m.group(1)
            if name not in TABLES and name not in OTHER:
                sys.exit("perfdoc.py: unknown region '%s'" % name)
            out.append(region_text(name, work, tables))
            seen.add(name)
            inside = name
    if inside:
        sys.exit("perfdoc.py: region '%s' has no END line" % inside)
    missing = (set(TABLES) | set(OTHER)) - seen
    if missing:
        sys.exit("perfdoc.py: the document lacks the regions %s"
                 % ", ".join(sorted(missing)))
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    doc, work = sys.argv[1], sys.argv[2]
    tables = {}
    for name, (path, heading) in TABLES.items():
        text = read(os.path.join(work, path))
        if text is not None:
            table = table_after(text, heading)
            if table is not None:
                tables[name] = table
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    new = rewrite(text, work, tables)
    with open(doc, "w", encoding="utf-8") as f:
        f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
