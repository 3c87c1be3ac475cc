#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/run-all.sh --quick into a copy of docs/performance.md: every
# generated region is rewritten (machine, targets, each benchmark's table),
# the prose around them is not. Timings are not checked: quick mode
# measures nothing, it runs the machinery. The real-library builds are
# skipped (they need the corpus's downloads).
#
#   run-all-quick.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The benchmarks install what they lack; a test must not.
for p in abigail-tools libgtk-3-dev valgrind time; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		{ echo "SKIP: $p is not installed"; exit 77; }
done

doc=$work/performance.md
cp "$src/docs/performance.md" "$doc"
SKIP=realbuild BENCH_WORK=$work/bench "$src/bench/run-all.sh" --quick "$build" "$doc" \
	>"$work/out" 2>&1 || { tail -n 40 "$work/out" >&2; fail "run-all.sh --quick failed"; }

# region NAME: the text of one generated region of the rewritten copy.
region() {
	awk -v n="$1" '$0 ~ "^<!-- END GENERATED " n " -->" { f = 0 }
		f { print }
		$0 ~ "^<!-- BEGIN GENERATED " n "[: ]" { f = 1 }' "$doc"
}

region machine | grep -q "commit \`$(git -C "$src" rev-parse --short HEAD)\`" ||
	fail "the machine region does not name the commit"
region machine | grep -q 'online CPUs' || fail "the machine region does not name the CPUs"
region machine | grep -q 'quick mode' || fail "the machine region does not say quick mode"
for t in T1 T2 T3 T4 T5 T6 T7 T8 T9; do
	region targets | grep -q "^| $t |" || fail "the targets table lacks $t"
done
region targets | grep -q '^| T1 | .* | not measured in this run | ? |$' ||
	fail "T1 should say the real-library builds did not run"
region plugin-gtk | grep -q '^| gcc | ' || fail "no gtk.h row for GCC"
region plugin-library | grep -q '^| gcc | check | ' || fail "no library row for GCC check mode"
region postlink | grep -q '^| module | 80 | 20 | ' || fail "no post-link row for the 80-function library"
region postlink | grep -q '^| umbrella | 40 | 10 | ' || fail "no post-link row for the umbrella layout"
region baseline-load | grep -qE '^\| [0-9,]+ \| ' || fail "no baseline-load row"
region realbuild-builds | grep -q 'Not measured in this run: skipped' ||
	fail "the skipped real-library builds are not said to be skipped"
# The prose between the regions is the original's.
strip() { awk '/^<!-- BEGIN GENERATED /{ print; f = 1; next } /^<!-- END GENERATED /{ f = 0 } !f' "$1"; }
diff <(strip "$src/docs/performance.md") <(strip "$doc") >/dev/null ||
	fail "text outside the generated regions changed"
echo PASS
