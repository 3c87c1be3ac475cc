#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What check mode costs whole real library builds (DESIGN.md section 8, T1):
# libraries of the real-library corpus (bench/realworld/libs/), each its
# first release, built by its own build system at -O2 -g, with GCC and with
# Clang:
#   1. once in record mode, through a wrapper that logs every compile
#      command; `abiguard baseline update` records the baseline;
#   2. RUNS rounds, each a full build without the plugin and a full build
#      in check mode against that baseline (the order alternates from one
#      round to the next), each from an empty build directory; CPU time
#      (user + system of the build and every process it waited for, the
#      configure step included), the CPU time of the compiler's calls
#      alone (through a timing wrapper), and wall time; medians, and the
#      median over the rounds of each round's ratio;
#   3. the instructions executed (callgrind, every process of the compile)
#      by IR_UNITS of the logged compiles, at evenly spaced ranks of source
#      size (the smallest and the largest left out: callgrind takes minutes
#      on a large unit), without and with the plugin: an exact ratio, where
#      time on a shared machine is not;
#   4. the CPU time of every logged compile, without and with the plugin,
#      PAIRS times each, the two runs of a pair one right after the other:
#      per compile the median of each, summed over the library; and that
#      difference against a whole build's CPU time from step 2.
#
# Usage: bench/realbuild-overhead.sh [BUILD_DIR]     (default: ./build)
# Environment:
#   LIBRARIES="json-c libgpg-error libbpf libxml2"  recipes of bench/realworld/libs/
#                           (not LIBS: configure scripts read that one)
#   COMPILERS="gcc clang"   Clang when its plugin is built
#   RUNS=5                  rounds of step 2
#   IR_UNITS=3              compiles counted in step 3 (0: skip step 3)
#   PAIRS=5                 runs of each compile in step 4 (0: skip step 4)
#   REALWORLD_WORK          the corpus's sources (bench/realworld/run.sh;
#                           fetched there when missing)
#   JOBS=2 NICE=10          as bench/realworld/run.sh
#   BENCH_WORK              where results go (default BUILD_DIR/bench)
#
# Builds happen in REALWORLD_WORK/LIB/VERSION/build, where the corpus
# builds, so that the public headers and the project root are the ones the
# corpus uses; the corpus's lock is taken. Not part of the test suite.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
# shellcheck source-path=SCRIPTDIR source=realworld/lib.sh
. "$here/realworld/lib.sh"

bench_need_packages gcc make time valgrind
rw_need_packages
build=$(bench_build_dir "${1:-build}")
abiguard=$build/cli/abiguard
[ -x "$abiguard" ] || bench_die "$abiguard not found: build abiguard first"

LIBRARIES=${LIBRARIES:-json-c libgpg-error libbpf libxml2}
COMPILERS=${COMPILERS:-gcc clang}
RUNS=${RUNS:-5}
IR_UNITS=${IR_UNITS:-3}
PAIRS=${PAIRS:-5}
JOBS=${JOBS:-2}
NICE=${NICE:-10}
work=${REALWORLD_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/abiguard-realworld}
mkdir -p "$work"
work=$(cd "$work" && pwd)
out=${BENCH_WORK:-$build/bench}/realbuild
rm -rf "$out"
mkdir -p "$out"
results=$out/results.md
exec 9>"$work/.lock"
flock -n 9 || bench_die "another run is using $work"
RW_ALL_WARNINGS=$("$abiguard" explain --list-rules | awk '{ printf "%s%s=warning", s, $1; s = "," }')

# ---- one build ----------------------------------------------------------------

# rb_build VARIANT [BASELINE]: a full build (configure included) in
# $REL/build; VARIANT plain, record or check. Appends "VARIANT CPU WALL
# COMPILER_CPU" to $data. With RB_WRAP set, compiles go through the
# logging wrapper; else through the timing one (make_timer), whose sum is
# COMPILER_CPU.
rb_build() {
	local variant=$1 baseline=${2:-} t
	local log=$dir/$variant.log
	rm -rf "$REL/build"
	mkdir -p "$REL/build"
	export RB_CPU_LOG=$dir/$variant.cpu
	: >"$RB_CPU_LOG"
	local cflags="-O2 -g"
	[ "$variant" = plain ] || cflags="$cflags -fplugin=$plugin"
	t=$(
		cd "$REL/build"
		renice -n "$NICE" -p "$BASHPID" >/dev/null
		export SRC=$REL/src CFLAGS=$cflags JOBS CC=${RB_WRAP:-$timer}
		unset ABIGUARD_OPTIONS
		if [ "$variant" != plain ]; then
			RW_ABIGUARD_OPTIONS=$(rw_options "$variant" "$baseline")
			export RW_ABIGUARD_OPTIONS
		fi
		TIMEFORMAT='%3U %3S %3R'
		{ time recipe_build >"$log" 2>&1; } 2>&1
	) || {
		tail -n 20 "$log" >&2
		bench_die "$LIB ($compiler): the $variant build failed; see $log"
	}
	t=$(printf '%s\n' "$t" | tail -n1)
	echo "$variant $(awk '{ printf "%.3f %.3f", $1 + $2, $3 }' <<<"$t") $(sum_cpu "$RB_CPU_LOG")" >>"$data"
}

# The timing wrapper of step 2, named like the compiler (libtool and
# configure look at the name): runs the compiler under bash's `time`, which
# appends the user and system time of the compiler and every process it
# waited for (cc1, as, collect2), in milliseconds, to $RB_CPU_LOG: one
# short line per call, appended whole even under make -j. The compiler's
# own output goes where it would have. Every call counts: compiles, links,
# configure's probes. Only the compiler's processes run the plugin, so
# their sum holds all of check mode's cost, without the noise of the
# shells, make and configure.
make_timer() { # REAL_COMPILER
	local wrap=$out/timer/$1
	mkdir -p "$out/timer"
	cat >"$wrap" <<EOF
#!/usr/bin/env bash
TIMEFORMAT='%3U %3S'
{ time "$(command -v "$1")" "\$@" 2>&3 3>&-; } 3>&2 2>>"\$RB_CPU_LOG"
EOF
	chmod +x "$wrap"
	echo "$wrap"
}

# The seconds of a timing log ("USER SYS" per line), summed.
sum_cpu() { # LOG
	awk '{ s += $1 + $2 } END { printf "%.3f", s }' "$1"
}

# The median, over the rounds, of check / plain of column COL: each round
# built both, one after the other, so the pair shares the machine's state
# of the moment and the ratio sees no drift between rounds.
paired_ratio() { # DATA COL
	awk -v c="$2" '$1 == "plain" { p = $c; have = have + 1 } $1 == "check" { k = $c; have = have + 2 }
		have == 3 { if (p > 0) print k / p; have = 0 }' "$1" | median
}

# The wrapper of step 1: logs the directory and the arguments of every
# compile of a .c file (one shell-quoted line each), then runs the compiler.
make_wrapper() { # REAL_COMPILER LOG
	local wrap=$out/wrap/$1
	mkdir -p "$out/wrap"
	cat >"$wrap" <<EOF
#!/usr/bin/env bash
case " \$* " in
*" -c "*.c" "*)
	{ printf 'cd %q &&' "\$PWD"; printf ' %q' "$(command -v "$1")" "\$@"; echo; } >>"$2" ;;
esac
exec "$(command -v "$1")" "\$@"
EOF
	chmod +x "$wrap"
	echo "$wrap"
}

# The directory and the source of a logged compile (its last argument
# ending in .c), separated by a space.
unit_where() { # LINE
	local word src="" cwd
	cwd=$(sed 's/^cd \([^ ]*\) && .*/\1/' <<<"$1")
	for word in $1; do [[ $word == *.c ]] && src=$word; done
	echo "$cwd $src"
}

count_ir() { # SHELL_COMMAND (the plugin's options come from the environment)
	valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null \
		bash -c "$1" 2>&1 | awk '/Collected :/ { s += $NF } END { printf "%.0f", s }'
}
export -f count_ir

# The logged compiles of the library itself, smallest source first:
# configure's and CMake's probes are gone by now and left out.
library_units() { # COMMAND_LOG
	local line cwd src size
	while IFS= read -r line; do
		read -r cwd src <<<"$(unit_where "$line")"
		size=$(cd "$cwd" 2>/dev/null && stat -c %s "$src" 2>/dev/null) || continue
		printf '%s\t%s\n' "$size" "$line"
	done <"$1" | sort -n -k1,1 | cut -f2-
}

# The plugin's options of a check-mode compile against BASELINE, with what
# the corpus accepts of the library (bench/realworld/libs/).
check_options() { # BASELINE
	local opts
	opts=$(rw_options check "$1")
	[ "$LIB" != libbpf ] || opts="$opts;$LIBBPF_GROWABLE"
	[ "$LIB" != libxml2 ] || opts="$opts;$LIBXML2_ACCEPTED"
	echo "$opts"
}

# The user + system seconds of a shell command and every process it waited
# for (bash's `time`); its output is discarded.
cpu_of() { # SHELL_COMMAND
	local TIMEFORMAT='%3U %3S' t
	t=$({ time bash -c "$1" >/dev/null 2>&1; } 2>&1)
	awk '{ printf "%.3f", $1 + $2 }' <<<"$t"
}
export -f cpu_of

# Step 4: every logged compile of the library, without the plugin and in
# check mode, one right after the other, PAIRS times each (the order
# alternates): the two runs of a pair are milliseconds apart, where two
# full builds are minutes apart and this machine's speed moves by several
# percent in that time. Per compile the median of each variant; summed over
# the library. Appends a row to pairs.md, and the cost check mode adds to
# the whole build (the difference of the sums, against the median CPU time
# of a full build without the plugin, from step 2) to $dir/pairs.cost.
pair_units() { # UNITS BASELINE
	local units=$1 baseline=$2 line plain i n=0 t0 t1 check_opts
	local pairs=$dir/pairs.txt
	check_opts=$(check_options "$baseline")
	: >"$pairs"
	mapfile -t lines <"$units"
	[ "${#lines[@]}" -gt 0 ] || return 0
	# The baseline's index is made by the first check-mode compile, once
	# per baseline; made here, before anything is timed.
	ABIGUARD_OPTIONS=$check_opts cpu_of "${lines[0]}" >/dev/null
	for line in "${lines[@]}"; do
		plain=${line// -fplugin=$plugin/}
		for ((i = 0; i < PAIRS; i++)); do
			# shellcheck disable=SC2016
			if (((i + n) % 2 == 0)); then
				t0=$(env -u ABIGUARD_OPTIONS bash -c 'cpu_of "$1"' _ "$plain")
				t1=$(ABIGUARD_OPTIONS=$check_opts bash -c 'cpu_of "$1"' _ "$line")
			else
				t1=$(ABIGUARD_OPTIONS=$check_opts bash -c 'cpu_of "$1"' _ "$line")
				t0=$(env -u ABIGUARD_OPTIONS bash -c 'cpu_of "$1"' _ "$plain")
			fi
			echo "$n $t0 $t1" >>"$pairs"
		done
		n=$((n + 1))
	done
	local sums
	sums=$(awk '{ a[$1] = a[$1] " " $2; b[$1] = b[$1] " " $3 }
		function med(s,   v, k, i, j, t) {
			k = split(s, v, " ")
			for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
			return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
		}
		END { for (u in a) { s0 += med(a[u]); s1 += med(b[u]) } printf "%.3f %.3f", s0, s1 }' "$pairs")
	echo "$n $sums" >"$dir/pairs.cost"
}

# The row of step 4, once step 2 has measured a whole build: the compiles'
# sums, their ratio, and their difference against the whole build.
pairs_row() { # WHOLE_BUILD_CPU (nan when step 2 did not run)
	local n s0 s1 share=nan
	read -r n s0 s1 <"$dir/pairs.cost"
	[ "$1" = nan ] || share=$(awk -v a="$s0" -v b="$s1" -v w="$1" 'BEGIN { printf "%.3f", 1 + (b - a) / w }')
	echo "| $LIB $VERSION | $cc_name | $n | $PAIRS | $s0 | $s1 | $(ratio "$s1" "$s0") | $1 | $share |" >>"$out/pairs.md"
}

# Step 3: IR_UNITS of the library's compiles, at ranks n/(k+1) ... k*n/(k+1)
# of the sizes of their sources.
count_units() { # UNITS BASELINE
	local units=$1 baseline=$2 i n sum0=0 sum1=0
	mapfile -t lines <"$units"
	n=${#lines[@]}
	[ "$n" -gt 0 ] || return 0
	local k=$((IR_UNITS < n ? IR_UNITS : n)) check_opts
	check_opts=$(check_options "$baseline")
	# The first compile against a new baseline also makes its index
	# (docs/user-guide.md, "The baseline cache"): once per baseline, not
	# once per compile. Counted apart, on the first unit with an empty
	# cache; every compile below finds the index made.
	local first=${lines[$((n / (k + 1)))]} cold warm index
	rm -rf "$ABIGUARD_CACHE_DIR"
	# shellcheck disable=SC2016
	cold=$(ABIGUARD_OPTIONS=$check_opts bash -c 'count_ir "$1"' _ "$first")
	# shellcheck disable=SC2016
	warm=$(ABIGUARD_OPTIONS=$check_opts bash -c 'count_ir "$1"' _ "$first")
	index=$((cold > warm ? cold - warm : 0))
	for ((i = 0; i < k; i++)); do
		local line=${lines[$(((i + 1) * n / (k + 1)))]}
		local n0 n1 cwd src
		# Without the plugin: the same command, its -fplugin= left out.
		# shellcheck disable=SC2016
		n0=$(env -u ABIGUARD_OPTIONS bash -c 'count_ir "$1"' _ "${line// -fplugin=$plugin/}")
		# shellcheck disable=SC2016
		n1=$(ABIGUARD_OPTIONS=$check_opts bash -c 'count_ir "$1"' _ "$line")
		sum0=$((sum0 + n0)) sum1=$((sum1 + n1))
		read -r cwd src <<<"$(unit_where "$line")"
		echo "| $LIB | $cc_name | \`${src##*/}\` | $n0 | $n1 | $(ratio "$n1" "$n0") |" >>"$out/units.md"
	done
	# The k counted compiles' share of the whole build's one index.
	local share=$((index * k / n))
	echo "| $LIB | $cc_name | $k of $n compiles | $sum0 | $sum1 | $index | $((sum1 + share)) | $(ratio "$((sum1 + share))" "$sum0") |" >>"$out/ir.md"
}

# ---- one library, one compiler ---------------------------------------------

measure_library() ( # LIB COMPILER
	LIB=$1 compiler=$2
	# shellcheck disable=SC1090
	. "$here/realworld/libs/$LIB.sh"
	bench_need_packages "${NEEDS[@]}"
	VERSION=${RELEASES[0]}
	REL=$work/$LIB/$VERSION
	mkdir -p "$REL"
	rw_fetch "$VERSION" "$REL" || { rw_add_deb_src && rw_fetch "$VERSION" "$REL"; } ||
		bench_die "$LIB $VERSION: no sources"
	case $compiler in
	gcc) plugin=$build/gcc-plugin/abiguard.so CC=gcc cc_name="GCC $(gcc -dumpfullversion)" ;;
	clang) plugin=$build/clang-plugin/abiguard-clang.so CC=clang
		cc_name="Clang $(clang --version | sed -n 's/.*clang version \([^ ]*\).*/\1/p' | head -n1)" ;;
	esac
	dir=$out/$LIB-$compiler
	timer=$(make_timer "$CC")
	# A cache of its own: the index counted in step 3 is this baseline's.
	export ABIGUARD_CACHE_DIR=$dir/cache
	data=$dir/runs.txt
	mkdir -p "$dir"
	: >"$data"
	# The public headers, as the corpus finds them (a plain build installs
	# them once into $REL/stage; the set does not depend on the compiler).
	if [ ! -d "$REL/stage" ]; then
		rw_build plain >/dev/null
	fi
	local found=$compiler
	[ -d "$REL/$compiler-plain" ] || found=gcc
	# (Called with ||, as run.sh calls it: its pipelines end early by design.)
	compiler=$found rw_public_headers || bench_die "$LIB: no public headers"
	RW_MAP=$(cd "$REL" && SRC=$REL/src recipe_version_script)
	local vs=()
	[ -n "$RW_MAP" ] && vs=(--version-script "$RW_MAP")

	# 1. record, through the wrapper; the baseline.
	local cmds=$dir/compiles.txt
	: >"$cmds"
	RB_WRAP=$(make_wrapper "$CC" "$cmds") rb_build record
	local abi=$dir/$LIB.abi
	"$abiguard" baseline update --baseline "$abi" "${vs[@]}" \
		"$REL/build/$(cd "$REL/build" && SRC=$REL/src recipe_library)" >"$dir/update.log" 2>&1 ||
		bench_die "$LIB ($compiler): baseline update failed; see $dir/update.log"
	# 3. before the build directory is rebuilt: the logged compiles need it.
	local units=$dir/units.txt
	library_units "$cmds" >"$units"
	[ "$IR_UNITS" -le 0 ] || count_units "$units" "$abi"
	[ "$PAIRS" -le 0 ] || pair_units "$units" "$abi"
	: >"$data"
	# 2. interleaved full builds.
	for ((r = 0; r < RUNS; r++)); do
		if ((r % 2 == 0)); then
			rb_build plain
			rb_build check "$abi"
		else
			rb_build check "$abi"
			rb_build plain
		fi
	done
	# RUNS=0 counts instructions only: no build to report.
	local whole=nan
	if ((RUNS > 0)); then
		whole=$(median_of "$data" plain 2)
		# The last check build must be clean: the baseline is its own.
		grep -E ': (error|warning): .*\[[a-z][a-z0-9-]*\]$' "$dir/check.log" >"$dir/check-findings.txt" || true
		local c0 c1 w0 w1 k0 k1
		c0=$(median_of "$data" plain 2) c1=$(median_of "$data" check 2)
		w0=$(median_of "$data" plain 3) w1=$(median_of "$data" check 3)
		k0=$(median_of "$data" plain 4) k1=$(median_of "$data" check 4)
		echo "| $LIB $VERSION | $cc_name | $(wc -l <"$units") | $c0 | $c1 | $(paired_ratio "$data" 2) | $k0 | $k1 | $(paired_ratio "$data" 4) | $w0 | $w1 | $(paired_ratio "$data" 3) | $(wc -l <"$dir/check-findings.txt") |" >>"$out/builds.md"
	fi
	[ "$PAIRS" -le 0 ] || pairs_row "$whole"
	rm -rf "$REL/build"
)

: >"$out/builds.md"
: >"$out/ir.md"
: >"$out/pairs.md"
: >"$out/units.md"
for lib in $LIBRARIES; do
	[ -f "$here/realworld/libs/$lib.sh" ] || bench_die "no recipe bench/realworld/libs/$lib.sh"
	for cc in $COMPILERS; do
		if [ "$cc" = clang ] && { [ ! -f "$build/clang-plugin/abiguard-clang.so" ] || ! command -v clang >/dev/null; }; then
			echo "skipping Clang: no Clang plugin in $build or no clang" >&2
			continue
		fi
		echo "== $lib, $cc" >&2
		measure_library "$lib" "$cc"
	done
done

{
	echo "# check mode on whole real library builds"
	echo
	bench_machine | sed 's/^/    /'
	echo
	echo "## full builds (configure and build), $RUNS interleaved rounds, medians"
	echo
	echo "CPU: user + system of the build and every process it waited for."
	echo "Compilers' CPU: user + system of every call of the compiler in the build (compiles, links, configure's probes), summed: all that check mode adds, without the noise of the shells, make and configure."
	echo "Ratios: check / without of the two builds of each round (built one after the other), median over the rounds."
	echo "Findings: what the last check-mode build reported against its own baseline (0 expected)."
	echo
	echo "| library | compiler | compiles | CPU without (s) | CPU check (s) | ratio | compilers' CPU without (s) | compilers' CPU check (s) | compilers' ratio | wall without (s) | wall check (s) | ratio | findings |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	cat "$out/builds.md"
	if [ "$PAIRS" -gt 0 ]; then
		echo
		echo "## every compile, without and with the plugin, in pairs"
		echo
		echo "Each compile of the library run $PAIRS times without the plugin and $PAIRS times in check mode, the two runs of a pair one right after the other; per compile the median CPU time (user + system of every process of the compile) of each; sums over the library."
		echo "Whole build: the median CPU time of a full build without the plugin (above); 'of the whole build': that time with the compiles' difference added, against it."
		echo
		echo "| library | compiler | compiles | pairs | CPU without (s) | CPU check (s) | ratio | whole build (s) | of the whole build |"
		echo "|---|---|---|---|---|---|---|---|---|"
		cat "$out/pairs.md"
	fi
	if [ "$IR_UNITS" -gt 0 ]; then
		echo
		echo "## instructions executed (callgrind, every process of the compile)"
		echo
		echo "$IR_UNITS compiles per library, at evenly spaced ranks of source size (not the smallest, not the largest); sums."
		echo
		echo "Index: what the build's first compile pays once to make the baseline's index; the check sum plus k/n of it (the counted compiles' share), against the sum without."
		echo
		echo "| library | compiler | compiles | without | check | index (once) | check + share of index | ratio |"
		echo "|---|---|---|---|---|---|---|---|"
		cat "$out/ir.md"
		echo
		echo "Per compile:"
		echo
		echo "| library | compiler | unit | without | check | ratio |"
		echo "|---|---|---|---|---|---|"
		cat "$out/units.md"
	fi
	echo
	echo "Raw numbers: $out/*/runs.txt (variant, CPU s, wall s, compilers' CPU s per build)."
} >"$results"
cat "$results"
