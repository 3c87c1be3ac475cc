#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every header under /usr/include that compiles alone, compiled with each
# compiler without the plugin and with it in record mode (the header as the
# public API, so that the plugin converts everything it declares). Reports
# plugin-only failures (the compile fails only with the plugin), internal
# compiler errors and crashes, and the distribution of the plugin's
# overhead (CPU time with / without, per header).
#
# Usage: bench/header-sweep.sh [BUILD_DIR] [INCLUDE_DIR]
#   (defaults: ./build, /usr/include)
# Environment:
#   SWEEP_EVERY=K   every K-th header only (sorted by path): a sample
#   SWEEP_LIMIT=N   at most N headers
#   BENCH_WORK      where the per-header logs go (default BUILD_DIR/bench/sweep)
# It takes a while (four compiles per header): run it with nice.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

build=$(bench_build_dir "${1:-build}")
include=${2:-/usr/include}
gcc_plugin=$build/gcc-plugin/abiguard.so
clang_plugin=$build/clang-plugin/abiguard-clang.so
[ -f "$gcc_plugin" ] || bench_die "$gcc_plugin not found: build the GCC plugin first"
work=${BENCH_WORK:-$build/bench/sweep}
rm -rf "$work"
mkdir -p "$work/logs"

compilers=(gcc)
command -v clang-14 >/dev/null && [ -f "$clang_plugin" ] && compilers+=(clang)

# cc_run CC WITH_PLUGIN HEADER LOG: compile "#include <HEADER>" to an
# object; prints the exit status and the CPU seconds.
cc_run() {
	local cc=$1 with=$2 header=$3 log=$4 exe args=()
	if [ "$cc" = gcc ]; then
		exe=gcc
		[ "$with" = 1 ] && args=(-fplugin="$gcc_plugin")
	else
		exe=clang-14
		[ "$with" = 1 ] && args=(-fplugin="$clang_plugin")
	fi
	[ "$with" = 1 ] && args+=(-fplugin-arg-abiguard-mode=record
		-fplugin-arg-abiguard-public="$header")
	local status=0 TIMEFORMAT='%3U %3S'
	# bash's time: millisecond CPU figures (GNU time has 10 ms).
	{ time "$exe" "${args[@]}" -c -x c -o "$work/out.o" - \
		<<<"#include \"$header\"" >"$log" 2>&1 || status=$?; } 2>"$log.time"
	echo "$status $(awk '{ print $1 + $2 }' "$log.time" | tail -1)"
}

is_ice() { # LOG STATUS
	[ "$2" -ge 128 ] || grep -qE 'internal compiler error|PLEASE submit a bug report|Segmentation fault|Aborted' "$1"
}

mapfile -t headers < <(find "$include" -name '*.h' -type f | LC_ALL=C sort |
	awk -v k="${SWEEP_EVERY:-1}" '(NR - 1) % k == 0' |
	head -n "${SWEEP_LIMIT:-1000000}")
results=$work/results.tsv
: >"$results"
for cc in "${compilers[@]}"; do
	for h in "${headers[@]}"; do
		id=$(echo "$h" | tr '/' '_')
		read -r plain_status plain_cpu < <(cc_run "$cc" 0 "$h" "$work/logs/$cc$id.plain")
		[ "$plain_status" = 0 ] || continue # does not compile alone
		read -r plug_status plug_cpu < <(cc_run "$cc" 1 "$h" "$work/logs/$cc$id.plugin")
		verdict=ok
		if is_ice "$work/logs/$cc$id.plugin" "$plug_status"; then
			verdict=ice
		elif [ "$plug_status" != 0 ]; then
			verdict=plugin-only-failure
		fi
		printf '%s\t%s\t%s\t%s\t%s\n' "$cc" "$verdict" "$plain_cpu" "$plug_cpu" "$h" >>"$results"
	done
done

# The report: counts, then the overhead (plugin CPU - plain CPU, and the
# ratio) as percentiles per compiler. Headers under 10 ms are too short to
# give a meaningful ratio and are counted in the differences only.
python3 - "$results" "${#headers[@]}" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
total = int(sys.argv[2])
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else float("nan")
print(f"headers swept: {total}")
for cc in sorted({r[0] for r in rows}):
    rs = [r for r in rows if r[0] == cc]
    n = len(rs)
    bad = [r for r in rs if r[1] != "ok"]
    ices = [r for r in rs if r[1] == "ice"]
    only = [r for r in rs if r[1] == "plugin-only-failure"]
    diff = [(float(r[3]) - float(r[2])) * 1000 for r in rs if r[1] == "ok"]
    ratio = [float(r[3]) / float(r[2]) for r in rs
             if r[1] == "ok" and float(r[2]) >= 0.01]
    print(f"\n{cc}: {n} headers compile alone; plugin-only failures: "
          f"{len(only)}; ICEs or crashes: {len(ices)}")
    for r in bad:
        print(f"  {r[1]}: {r[4]}")
    print("  added CPU per header (ms): median %.1f, p90 %.1f, p99 %.1f, max %.1f"
          % (pct(diff, 50), pct(diff, 90), pct(diff, 99), max(diff) if diff else 0))
    print("  with/without CPU ratio (%d headers of 10 ms or more): "
          "median %.2f, p90 %.2f, p99 %.2f, max %.2f"
          % (len(ratio), pct(ratio, 50), pct(ratio, 90), pct(ratio, 99),
             max(ratio) if ratio else 0))
PY
