#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every benchmark, one after the other in one run, and docs/performance.md
# rewritten from their results: the targets table, the tables of each
# section, and the commit and machine they were measured on (the regions
# between <!-- BEGIN GENERATED NAME --> and <!-- END GENERATED NAME -->;
# the prose around them is not touched).
#
#   bench/plugin-overhead.sh    the gtk.h unit, a generated library, callgrind
#   bench/postlink-check.sh     abiguard check vs abidw + abidiff, baseline load
#   bench/realbuild-overhead.sh check mode on real library builds
#   bench/baseline-index.sh     the baseline index, when the script exists
#
# Each benchmark compares its variants side by side, interleaved, and
# reports medians and ratios (see each script). The full run takes about
# two hours on a 2-core machine; --quick runs every script on small sizes
# with one or two repetitions (a few minutes, or under a minute without the
# real-library builds), to test the machinery, not to measure.
#
# Usage: bench/run-all.sh [--quick] [BUILD_DIR [DOC]]
#   BUILD_DIR  default ./build;  DOC  default docs/performance.md
# Environment:
#   SKIP="realbuild ..."   benchmarks not to run (plugin-overhead,
#                          postlink-check, realbuild, baseline-index); their
#                          regions then say so
#   BENCH_WORK             where results go (default BUILD_DIR/bench)
#   and each benchmark's own variables (sizes, runs), which --quick sets.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

quick=0
if [ "${1:-}" = --quick ]; then
	quick=1
	shift
fi
build=$(bench_build_dir "${1:-build}")
doc=${2:-$repo/docs/performance.md}
[ -f "$doc" ] || bench_die "$doc not found"
work=${BENCH_WORK:-$build/bench}
mkdir -p "$work"
export BENCH_WORK=$work
SKIP=" ${SKIP:-} "

if [ "$quick" = 1 ]; then
	export RUNS_TU=${RUNS_TU:-2} RUNS_BUILD=${RUNS_BUILD:-1} CALLGRIND=${CALLGRIND:-0}
	export BUILD_FUNCS=${BUILD_FUNCS:-48} BUILD_TUS=${BUILD_TUS:-4}
	export SIZES=${SIZES:-40 80} TUS=${TUS:-4} RUNS_CHECK=${RUNS_CHECK:-1} RUNS_ABIGAIL=${RUNS_ABIGAIL:-1}
	export SCALES=${SCALES:-1 2}
	export LIBRARIES=${LIBRARIES:-cjson} COMPILERS=${COMPILERS:-gcc} RUNS=${RUNS:-1} IR_UNITS=${IR_UNITS:-1} PAIRS=${PAIRS:-1}
fi

start=$SECONDS
log=$work/run-all.log
: >"$log"

# run NAME CMD...: one benchmark; its results.md is where perfdoc.py looks.
run() {
	local name=$1
	shift
	rm -f "$work/$name/skipped"
	if [[ $SKIP == *" $name "* ]]; then
		mkdir -p "$work/$name"
		echo "skipped (SKIP=$name)" >"$work/$name/skipped"
		echo "== $name: skipped" | tee -a "$log"
		return 0
	fi
	echo "== $name: $*" | tee -a "$log"
	local t0=$SECONDS
	if ! "$@" >>"$log" 2>&1; then
		mkdir -p "$work/$name"
		echo "it failed; see $log" >"$work/$name/skipped"
		rm -f "$work/$name/results.md"
		echo "   failed after $((SECONDS - t0)) s; see $log" | tee -a "$log"
		return 0
	fi
	echo "   $((SECONDS - t0)) s" | tee -a "$log"
}

run plugin-overhead "$here/plugin-overhead.sh" "$build"
run postlink-check "$here/postlink-check.sh" "$build"
run realbuild "$here/realbuild-overhead.sh" "$build"
if [ -x "$here/baseline-index.sh" ]; then
	mkdir -p "$work/baseline-index"
	# The script empties its directory first: its tables are written
	# beside it, then moved in.
	run baseline-index bash -c '"$1" "$2" >"$3.part" && mv "$3.part" "$3/results.md"' _ \
		"$here/baseline-index.sh" "$build" "$work/baseline-index"
else
	mkdir -p "$work/baseline-index"
	rm -f "$work/baseline-index/results.md"
	echo "bench/baseline-index.sh is not in this tree" >"$work/baseline-index/skipped"
	echo "== baseline-index: skipped (bench/baseline-index.sh is not in this tree)" | tee -a "$log"
fi

# The commit and the machine.
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ] || dirty=" (with uncommitted changes)"
minutes=$(((SECONDS - start + 59) / 60))
{
	echo "- abiguard at commit \`$commit\`$dirty, built in $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || echo "an unknown") configuration."
	echo "- Measured $(date -u '+%Y-%m-%d') by \`bench/run-all.sh$([ "$quick" = 1 ] && echo " --quick")\` in $minutes minutes$([ "$quick" = 1 ] && echo " (quick mode: small sizes, one or two runs; not measurements)")."
	bench_machine | sed 's/^/- /'
	if command -v abidw >/dev/null; then
		echo "- abidw/abidiff: $(abidw --version | sed 's/^abidw: //')"
	fi
	if command -v valgrind >/dev/null; then
		echo "- $(valgrind --version)"
	fi
	echo "- Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: see above)."
} >"$work/machine.md"

python3 "$here/perfdoc.py" "$doc" "$work"
echo "rewrote the generated regions of $doc ($minutes minutes)"
