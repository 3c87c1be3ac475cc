# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# Helpers shared by the benchmark scripts (sourced, not run).

# Install what a benchmark needs on a fresh Debian machine. Only missing
# packages are installed, so a second run does not touch the system.
bench_need_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing: ${missing[*]}" >&2
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
}

bench_die() {
	echo "error: $*" >&2
	exit 2
}

# The build directory: the first argument, default ./build.
bench_build_dir() {
	local dir=${1:-build}
	[ -d "$dir" ] || bench_die "build directory '$dir' not found (build first: cmake -S . -B build && cmake --build build)"
	(cd "$dir" && pwd)
}

# What the reader of the results needs to know about the machine, without
# anything that identifies it (no host name, no paths).
bench_machine() {
	local cpu
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
	echo "cpu: ${cpu:-unknown}, $(nproc) online CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM"
	echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
	echo "gcc: $(gcc -dumpfullversion)"
	if command -v clang >/dev/null; then
		echo "clang: $(clang --version | sed -n 's/.*clang version \([^ ]*\).*/\1/p' | head -n1)"
	fi
}

# measure CMD...: run CMD once with its output in $BENCH_LOG. Sets
#   M_WALL  wall-clock seconds (bash's `time`, millisecond resolution)
#   M_CPU   user + system seconds of CMD and everything it waited for
#   M_USER  user seconds alone (system time is the noisier part on a VM)
#   M_RSS   peak resident set size in KiB of the largest process
#           (GNU time's "Maximum resident set size")
#   M_RC    exit status
# Bash's `time` is used for the times because GNU time rounds them to 10 ms,
# which is a few percent of a short compile.
measure() {
	local rss_file="$BENCH_LOG.rss" out user sys
	local TIMEFORMAT='%3R %3U %3S'
	M_RC=0
	out=$( { time /usr/bin/time -f '%M' -o "$rss_file" "$@" >"$BENCH_LOG" 2>&1; } 2>&1) || M_RC=$?
	out=$(printf '%s\n' "$out" | tail -n1)
	read -r M_WALL user sys <<<"$out"
	M_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
	M_USER=$user
	# GNU time writes "Command exited with non-zero status N" first.
	M_RSS=$(tail -n1 "$rss_file")
}

# measure, and stop the benchmark when the status is not one of the
# accepted ones (default 0): a benchmark of a failing command means nothing.
measure_ok() {
	local ok=" ${MEASURE_OK:-0} "
	measure "$@"
	if [[ $ok != *" $M_RC "* ]]; then
		echo "error: exit status $M_RC from: $*" >&2
		tail -n 30 "$BENCH_LOG" >&2
		exit 2
	fi
}

# Median of the numbers on stdin, one per line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The Q-th quantile (0 < Q < 1, nearest rank) of column COL of the rows of
# FILE whose first word is KEY: the spread of the runs, next to the median.
quantile_of() {
	local file=$1 key=$2 col=$3 q=$4
	awk -v k="$key" -v c="$col" '$1 == k { print $c }' "$file" | sort -g |
		awk -v q="$q" '{ v[NR] = $1 } END {
			i = int(q * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR
			printf "%.3f\n", v[i] }'
}

# Median of column COL (1-based) of the rows of FILE whose first word is KEY.
median_of() {
	local file=$1 key=$2 col=$3
	awk -v k="$key" -v c="$col" '$1 == k { print $c }' "$file" | median
}

# ratio A B: A / B with three decimals.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.3f\n", a / b }'
}

# pct A B: (A / B - 1) in percent, signed, one decimal.
pct() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%+.1f%%\n", (a / b - 1) * 100 }'
}
