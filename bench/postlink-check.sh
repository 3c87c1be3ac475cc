#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The post-link check against libabigail (DESIGN.md section 8):
#   1. for each size (functions; a quarter as many structs) and each header
#      layout, genlib.py writes a library of TUS units and a 20-node version
#      script, and its next release (three struct layouts changed, three
#      signatures changed, one function removed); both are built at -O2 -g
#      with the GCC plugin in record mode, and the first one's baseline is
#      written with `abiguard baseline update`;
#   2. side by side: `abiguard check` (baseline vs the new library) against
#      `abidw` on both libraries and `abidiff` of the two dumps; wall time and
#      peak RSS, medians; the first check, which parses the baseline and
#      stores its image in the benchmark's cache, is measured apart;
#   3. baseline load alone: the 10,000-function baseline scaled up to 100,000
#      (and 300,000) declarations by scale-baseline.py, loaded by
#      baseline-load.c (built here against the core library), and the same
#      baselines through `abiguard diff A.abi A.abi` (two loads and a compare).
#
# Usage: bench/postlink-check.sh [BUILD_DIR]     (default: ./build)
# Environment:
#   SIZES="1000 3000 10000"      exported functions per library
#   LAYOUTS="module umbrella"    see genlib.py
#   RUNS_CHECK=5 RUNS_ABIGAIL=3  runs per side (libabigail is the slow one)
#   SCALES="1 3 10"              copies of the 10,000-function baseline
#   TUS=100                      translation units per library
#   BENCH_WORK                   where generated files go (default BUILD_DIR/bench)
#
# The two tools do not do the same job: abiguard compares with a committed
# baseline and knows version nodes; abidiff compares two builds' DWARF. The
# comparison is about what a CI job waits for. Both must find the changes:
# the script prints what each reported.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

bench_need_packages gcc make time pkg-config python3 abigail-tools libelf-dev liblz4-dev libzstd-dev
build=$(bench_build_dir "${1:-build}")
gcc_plugin=$build/gcc-plugin/abiguard.so
abiguard=$build/cli/abiguard
# The core is one static library per layer (common/CMakeLists.txt).
core=$build/common/libabiguard_engine.a
for f in "$gcc_plugin" "$abiguard" "$core"; do
	[ -f "$f" ] || bench_die "$f not found: build abiguard first"
done

SIZES=${SIZES:-1000 3000 10000}
LAYOUTS=${LAYOUTS:-module umbrella}
RUNS_CHECK=${RUNS_CHECK:-5}
RUNS_ABIGAIL=${RUNS_ABIGAIL:-3}
SCALES=${SCALES:-1 3 10}
TUS=${TUS:-100}
work=${BENCH_WORK:-$build/bench}/postlink-check
rm -rf "$work"
mkdir -p "$work"
# abiguard's cache (the baseline's image) is the benchmark's own.
export ABIGUARD_CACHE_DIR=$work/cache
BENCH_LOG=$work/last-command.log
results=$work/results.md
record_flags="-fplugin=$gcc_plugin -fplugin-arg-abiguard-mode=record -fplugin-arg-abiguard-public=include"

{
	echo "# post-link check"
	echo
	bench_machine | sed 's/^/    /'
	echo "    abidw/abidiff: $(abidw --version | sed 's/^abidw: //')"
	echo
	echo "## abiguard check vs abidw + abidiff"
	echo
	echo "abiguard: $RUNS_CHECK runs; libabigail: $RUNS_ABIGAIL runs (abidw old, abidw new, abidiff, summed per run); medians."
	echo "'abigail' is the full job (both dumps and the diff); 'new+diff' is the job with the old dump committed, like abiguard's baseline."
	echo "RSS: peak of the largest process (for abigail the largest of its three)."
	echo "CPU: user + system time, medians; on a shared machine less noisy than wall time."
	echo "first check: the check that finds no image of the baseline and stores one (a build in check mode stores it with its first unit); the medians are of the checks after it."
	echo
	echo "| layout | functions | structs | library MiB (notes) | abiguard s | abiguard MiB | abigail s | abigail MiB | new+diff s | time ratio | new+diff ratio | memory ratio | abiguard CPU s | abigail CPU s | CPU ratio | first check CPU s |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$results"
findings=$work/findings.txt
: >"$findings"

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

for layout in $LAYOUTS; do
	for n in $SIZES; do
		dir=$work/$layout-$n
		structs=$((n / 4))
		headers=$((n / 400 > 5 ? n / 400 : 5))
		for v in old new; do
			mutate=()
			[ $v = new ] && mutate=(--mutate)
			python3 "$here/genlib.py" "$dir/$v" --funcs "$n" --structs "$structs" --tus "$TUS" \
				--headers "$headers" --nodes 20 --bodies thin --layout "$layout" "${mutate[@]}" >/dev/null
			# -g for libabigail; the plugin's note rides along and
			# abidw ignores it, so one build serves both tools.
			make -C "$dir/$v" -s -j2 O=obj CFLAGS="-O2 -g" PLUGIN_CFLAGS="$record_flags" >/dev/null 2>&1 ||
				bench_die "building $dir/$v failed"
		done
		old=$dir/old/obj/libsynth.so.1 new=$dir/new/obj/libsynth.so.1
		mkdir -p "$dir/abi"
		"$abiguard" baseline update --baseline "$dir/abi/old.abi" --version-script "$dir/old/synth.map" \
			"$old" >/dev/null
		# The unchanged library must pass, or the comparison is moot.
		"$abiguard" check --baseline "$dir/abi/old.abi" --version-script "$dir/old/synth.map" "$old" \
			>"$dir/check-old.txt" 2>&1 || bench_die "abiguard check reports the unchanged $layout-$n library: $dir/check-old.txt"

		data=$dir/runs.txt
		: >"$data"
		rm -rf "$ABIGUARD_CACHE_DIR"
		MEASURE_OK=1 measure_ok "$abiguard" check --baseline "$dir/abi/old.abi" \
			--version-script "$dir/new/synth.map" "$new"
		echo "check-first $M_WALL $M_RSS $M_CPU" >>"$data"
		runs=$((RUNS_CHECK > RUNS_ABIGAIL ? RUNS_CHECK : RUNS_ABIGAIL))
		for ((i = 0; i < runs; i++)); do
			if ((i < RUNS_CHECK)); then
				# Exit 1: policy violations, which there are.
				MEASURE_OK=1 measure_ok "$abiguard" check --baseline "$dir/abi/old.abi" \
					--version-script "$dir/new/synth.map" "$new"
				cp "$BENCH_LOG" "$dir/check-new.txt"
				echo "check $M_WALL $M_RSS $M_CPU" >>"$data"
			fi
			if ((i < RUNS_ABIGAIL)); then
				measure_ok abidw --out-file "$dir/old.xml" "$old"
				w1=$M_WALL r1=$M_RSS c1=$M_CPU
				measure_ok abidw --out-file "$dir/new.xml" "$new"
				w2=$M_WALL r2=$M_RSS c2=$M_CPU
				# abidiff's status is a bit mask: 4 ABI change, 8 incompatible change.
				MEASURE_OK="4 8 12" measure_ok abidiff "$dir/old.xml" "$dir/new.xml"
				cp "$BENCH_LOG" "$dir/abidiff.txt"
				w3=$M_WALL r3=$M_RSS c3=$M_CPU
				{
					echo "abigail $(awk -v a="$w1" -v b="$w2" -v c="$w3" 'BEGIN { printf "%.3f", a + b + c }') $(printf '%s\n' "$r1" "$r2" "$r3" | sort -n | tail -n1) $(awk -v a="$c1" -v b="$c2" -v c="$c3" 'BEGIN { printf "%.3f", a + b + c }')"
					echo "newdiff $(awk -v b="$w2" -v c="$w3" 'BEGIN { printf "%.3f", b + c }') $(printf '%s\n' "$r2" "$r3" | sort -n | tail -n1)"
					echo "abidw-old $w1 $r1"
					echo "abidw-new $w2 $r2"
					echo "abidiff $w3 $r3"
				} >>"$data"
			fi
		done
		cw=$(median_of "$data" check 2) cr=$(median_of "$data" check 3)
		aw=$(median_of "$data" abigail 2) ar=$(median_of "$data" abigail 3)
		nw=$(median_of "$data" newdiff 2)
		cc_=$(median_of "$data" check 4) ac=$(median_of "$data" abigail 4)
		cf=$(median_of "$data" check-first 4)
		size=$(stat -c %s "$new")
		note=$((16#$(readelf -SW "$new" | awk '{ for (i = 1; i < NF; i++) if ($i == ".note.abiguard") print $(i + 4) }')))
		echo "| $layout | $n | $structs | $(mib $((size / 1024))) ($(mib $((note / 1024)))) | $cw | $(mib "$cr") | $aw | $(mib "$ar") | $nw | $(ratio "$aw" "$cw") | $(ratio "$nw" "$cw") | $(ratio "$ar" "$cr") | $cc_ | $ac | $(ratio "$ac" "$cc_") | $cf |" >>"$results"
		{
			echo "== $layout, $n functions: changes made"
			sed 's/^/   /' "$dir/new/CHANGES"
			echo "-- abiguard check: $(grep -c ': error: ' "$dir/check-new.txt" || true) errors"
			grep ': error: ' "$dir/check-new.txt" | sed 's/^/   /' | head -n 20 || true
			echo "-- abidiff:"
			grep -E 'changes summary|^[0-9]+ .*(Removed|Changed|changes?)' "$dir/abidiff.txt" | sed 's/^/   /' || true
		} >>"$findings"
	done
done

# ---- baseline load -----------------------------------------------------------
# The largest baseline of the first layout (both layouts give the same one).
biggest=$(for n in $SIZES; do echo "$n"; done | sort -n | tail -n1)
first_layout=${LAYOUTS%% *}
src=$work/$first_layout-$biggest/abi/old.abi
loader=$work/baseline-load
# shellcheck disable=SC2046
core_includes=()
for dir in "$here"/../common/*/include; do core_includes+=(-I"$dir"); done
cc -O2 -std=c11 -Wall -Wextra "${core_includes[@]}" "$here/baseline-load.c" \
	-Wl,--start-group "$build"/common/libabiguard_*.a -Wl,--end-group \
	$(pkg-config --libs libelf liblz4 libzstd) -o "$loader"
{
	echo
	echo "## baseline load"
	echo
	echo "The $biggest-function baseline and copies of it scaled by scale-baseline.py."
	echo "load: baseline-load (abg_baseline_load() in one process, 21 loads, median CPU time);"
	echo "diff: \`abiguard diff A.abi A.abi\` ($RUNS_CHECK runs, median wall; two loads, from the image after the first run, and a comparison)."
	echo
	echo "| symbols | model types | MiB | load ms | load µs/symbol | diff s | diff MiB |"
	echo "|---|---|---|---|---|---|---|"
} >>"$results"
for k in $SCALES; do
	abi=$work/scaled-$k.abi
	python3 "$here/scale-baseline.py" "$src" "$abi" "$k" >/dev/null
	read -r _ nsym _ ntypes _ bytes _ med _ <<<"$("$loader" "$abi" 21)"
	data=$work/diff-$k.txt
	: >"$data"
	for ((i = 0; i < RUNS_CHECK; i++)); do
		measure_ok "$abiguard" diff "$abi" "$abi"
		echo "diff $M_WALL $M_RSS" >>"$data"
	done
	echo "| $nsym | $ntypes | $(mib $((bytes / 1024))) | $med | $(awk -v m="$med" -v n="$nsym" 'BEGIN { printf "%.2f", m * 1000 / n }') | $(median_of "$data" diff 2) | $(mib "$(median_of "$data" diff 3)") |" >>"$results"
done

{
	echo
	echo "What each tool reported: $findings"
	echo "Raw numbers: $work/*/runs.txt, $work/diff-*.txt (tool, wall s, peak RSS KiB, CPU s per run)."
} >>"$results"
cat "$results"
echo
cat "$findings"
