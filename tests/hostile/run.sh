#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile and odd inputs (tests/hostile/gen.py makes them), fed to the CLI
# and to both compiler plugins. Each command must give a clean error or a
# correct result, within a hang detector's time (not a benchmark) and in
# bounded memory:
#
#   run.sh FAMILY EXAMPLE ABIGUARD GCC_PLUGIN CLANG_PLUGIN
#
# FAMILY: vscript, baseline, config, files, silent-pass, plugin-args,
# tmpfiles, notes. Memory: the CLI must stay under LIMIT_MB of resident memory;
# a compiler under LIMIT_MB more than the same compile of the example
# without the hostile input (clang alone takes about 85 MB).
set -euo pipefail
family=$1 example=$2 abiguard=$3 gcc_plugin=$4 clang_plugin=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
HANG_SECONDS=${HANG_SECONDS:-60}
LIMIT_MB=${LIMIT_MB:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Baseline indexes stay here, out of the user's cache.
export ABIGUARD_CACHE_DIR=${ABIGUARD_CACHE_DIR:-$work/default-cache}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

gen() { # FAMILY FILE [N]
	python3 "$here/gen.py" "$@" || fail "gen.py $*"
}

# bounded LIMIT_KB WANT CMD...: run CMD under the hang detector, check its
# exit status (WANT: "2", "0|1"...) and its peak resident memory.
bounded() {
	local limit_kb=$1 want=$2 status=0 rss
	shift 2
	/usr/bin/time -f %M -o "$work/rss" timeout -s KILL "$HANG_SECONDS" \
		"$@" >"$work/out" 2>&1 || status=$?
	rss=$(tail -1 "$work/rss")
	[ "$status" != 137 ] || fail "'$*' still running after ${HANG_SECONDS}s"
	[[ "|$want|" == *"|$status|"* ]] ||
		{ head -c 2000 "$work/out" >&2; fail "'$*' exited $status, want $want"; }
	[[ "$rss" =~ ^[0-9]+$ ]] || fail "no memory figure for '$*'"
	[ "$rss" -le "$limit_kb" ] ||
		fail "'$*' used $((rss / 1024)) MB, limit $((limit_kb / 1024)) MB"
	local label=${LABEL:-$*}
	label=${label//$work/W}
	printf '  %-64.64s exit %s, %4d MB\n' "$label" "$status" $((rss / 1024))
}

cli() { # WANT ARGS...: the abiguard command
	local want=$1
	shift
	local l="abiguard $*"
	LABEL=${l:0:200} bounded $((LIMIT_MB * 1024)) "$want" "$abiguard" "$@"
}

expect_out() { # TEXT: the last command's output names it
	grep -qF -- "$1" "$work/out" || { head -c 2000 "$work/out" >&2; fail "output lacks '$1'"; }
}

# No line of output longer than this: bad values are not echoed whole.
short_lines() {
	local longest
	longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$work/out")
	[ "$longest" -le 400 ] || fail "an output line of $longest bytes"
}

# The example library, built with the GCC plugin in record mode.
lib_dir=$work/lib
cp -r "$example" "$lib_dir"
rm -rf "$lib_dir/build"
make --no-print-directory -C "$lib_dir" ABIGUARD_PLUGIN="$gcc_plugin" \
	ABIGUARD_MODE=record >/dev/null 2>&1 || fail "building the example"
lib=$lib_dir/build/libdemo.so.1
baseline=$lib_dir/abi/libdemo.so.1.abi
map=$lib_dir/demo.map

compilers=(gcc)
[ -n "$clang_plugin" ] && [ -f "$clang_plugin" ] && compilers+=(clang)

compile() { # gcc|clang ARGS...: the example's demo.c with the plugin
	local cc=$1
	shift
	if [ "$cc" = gcc ]; then
		(cd "$lib_dir" && exec gcc -Iinclude -fplugin="$gcc_plugin" \
			-fplugin-arg-abiguard-public=include "$@" -c src/demo.c -o "$work/demo.o")
	else
		(cd "$lib_dir" && exec clang-14 -Iinclude -fplugin="$clang_plugin" \
			-fplugin-arg-abiguard-public=include "$@" -c src/demo.c -o "$work/demo.o")
	fi
}
export -f compile
export lib_dir gcc_plugin clang_plugin work

declare -A base_kb
for cc in "${compilers[@]}"; do
	LABEL="$cc plugin, the example alone" bounded $((4096 * 1024)) 0 \
		bash -c 'compile "$@"' _ "$cc" -fplugin-arg-abiguard-mode=record
	base_kb[$cc]=$(tail -1 "$work/rss")
done

plugin() { # gcc|clang WANT ARGS...
	local cc=$1 want=$2
	shift 2
	local l="$cc plugin $*"
	LABEL=${l:0:200} bounded $((base_kb[$cc] + LIMIT_MB * 1024)) "$want" \
		bash -c 'compile "$@"' _ "$cc" "$@"
}

# ---- families --------------------------------------------------------------

family_vscript() {
	local f
	for f in vscript-same-name vscript-undefined vscript-chain \
		vscript-many-parents vscript-diamond; do
		echo "$f"
		gen "$f" "$work/$f.map"
		cli "1" check --baseline "$baseline" --version-script "$work/$f.map" "$lib"
		for cc in "${compilers[@]}"; do
			plugin "$cc" 1 -fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
				-fplugin-arg-abiguard-version-script="$work/$f.map"
			expect_out "'demo_close' is"
			expect_out "[symbol-unversioned]"
		done
	done
	cli 1 check --baseline "$baseline" --version-script "$work/vscript-same-name.map" "$lib"
	expect_out "'demo_open' is listed in several version nodes but the library has no 'demo_open@N_0' [symbol-in-two-nodes]"
	cli 1 check --baseline "$baseline" --version-script "$work/vscript-undefined.map" "$lib"
	expect_out "vscript-undefined.map:1003:1: error: version node 'DEMO_1.0' lists 'undefined_999', which the library does not define"
	expect_out "abiguard: note: 78000 more findings not shown"
	# The most names a script may have, none defined: each rule shows
	# max-findings of them and counts the rest.
	gen vscript-undefined "$work/most.map" 199990
	cli 1 check --baseline "$baseline" --version-script "$work/most.map" "$lib"
	expect_out "most.map:1003:1: error: version node 'DEMO_1.0' lists 'undefined_999', which the library does not define"
	expect_out "abiguard: note: 397980 more findings not shown (at most 1000 per rule; max-findings=0 shows them all)"
	cli 1 check --max-findings=0 --baseline "$baseline" --version-script "$work/most.map" "$lib"
	expect_out "most.map:199993:1: error: version node 'DEMO_1.0' lists 'undefined_199989'"
	# Past the limits: a clear error where the script crossed them.
	gen vscript-undefined "$work/million.map" 1000000
	cli 2 check --baseline "$baseline" --version-script "$work/million.map" "$lib"
	expect_out "million.map:200003: error: more than 200000 names and parent nodes"
	gen vscript-chain "$work/long-chain.map" 200000
	cli 2 check --baseline "$baseline" --version-script "$work/long-chain.map" "$lib"
	expect_out "long-chain.map:20001: error: more than 20000 version nodes"
	for cc in "${compilers[@]}"; do
		plugin "$cc" 1 -fplugin-arg-abiguard-version-script="$work/million.map"
		expect_out "more than 200000 names and parent nodes"
		plugin "$cc" 1 -fplugin-arg-abiguard-version-script="$work/long-chain.map"
		expect_out "more than 20000 version nodes"
	done
	# Nothing to read: GNU ld refuses these, and so does abiguard.
	for f in vscript-empty vscript-comments; do
		gen "$f" "$work/$f.map"
		cli 2 check --baseline "$baseline" --version-script "$work/$f.map" "$lib"
		expect_out "$f.map:1: error: no version node"
		for cc in "${compilers[@]}"; do
			plugin "$cc" 1 -fplugin-arg-abiguard-version-script="$work/$f.map"
			expect_out "no version node"
		done
	done
}

family_baseline() {
	local f cc
	# The error is at the first repeat, whatever follows it.
	for f in baseline-dup-func baseline-dup-var; do
		echo "$f"
		gen "$f" "$work/$f.abi"
		cli 2 check --baseline "$work/$f.abi" "$lib"
		expect_out "$f.abi:7: error: duplicate symbol"
		cli 2 diff "$work/$f.abi" "$baseline"
		expect_out "$f.abi:7: error: duplicate symbol"
		cp "$work/$f.abi" "$work/release.abi"
		cli 2 baseline release --baseline "$work/release.abi"
		expect_out "release.abi:7: error: duplicate symbol"
		for cc in "${compilers[@]}"; do
			plugin "$cc" 1 -fplugin-arg-abiguard-baseline="$work/$f.abi"
			expect_out "$f.abi:7: duplicate symbol"
		done
	done
	# Big and valid: read, compared with itself (clean), written back
	# unchanged.
	for f in baseline-chain baseline-many-parents baseline-diamond \
		baseline-many-fields baseline-many-versions; do
		echo "$f"
		gen "$f" "$work/$f.abi"
		cli 0 diff "$work/$f.abi" "$work/$f.abi"
		cli 1 check --baseline "$work/$f.abi" "$lib"
		cp "$work/$f.abi" "$work/release.abi"
		cli 0 baseline release --baseline "$work/release.abi"
		for cc in "${compilers[@]}"; do
			plugin "$cc" "0|1" -fplugin-arg-abiguard-baseline="$work/$f.abi"
		done
	done
	# Past the node limit: an error at the node that crosses it.
	gen baseline-chain "$work/long-chain.abi" 100000
	cli 2 check --baseline "$work/long-chain.abi" "$lib"
	expect_out "long-chain.abi:20005: error: more than 20000 version nodes"
	for cc in "${compilers[@]}"; do
		plugin "$cc" 1 -fplugin-arg-abiguard-baseline="$work/long-chain.abi"
		expect_out "more than 20000 version nodes"
	done
	# Malformed: an error at the line.
	local -A want=(
		[baseline-self-parent]="5: error: node 'A' lists itself as parent"
		[baseline-align0]="8: error: alignment must be a power of two, not 0"
		[baseline-dup-field]="10: error: duplicate field 'a' in 'struct s' (first at line 9)"
		[baseline-long-line]="5: error: line longer than"
	)
	for f in "${!want[@]}"; do
		echo "$f"
		gen "$f" "$work/$f.abi"
		cli 2 check --baseline "$work/$f.abi" "$lib"
		expect_out "$f.abi:${want[$f]}"
		short_lines
		for cc in "${compilers[@]}"; do
			plugin "$cc" 1 -fplugin-arg-abiguard-baseline="$work/$f.abi"
			expect_out "$f.abi:${want[$f]/: error/}"
		done
	done
}

# The baseline index (cached by the plugins, common/baseline/): damaged,
# truncated, oversized, of another text, forged with matching hashes, raced
# for by parallel compiles. Each compile must say exactly what the text
# reader says (a clean fallback), never less.
family_index() {
	local cache=$work/cache kind cc
	local abi=$lib_dir/abi/index.abi
	# A released function whose recorded type the source no longer has:
	# the finding that a wrong index would lose.
	sed 's/^func demo_close@@DEMO_1.0 int (struct demo \*)$/func demo_close@@DEMO_1.0 long (struct demo *)/' \
		"$baseline" >"$abi"
	grep -q 'demo_close@@DEMO_1.0 long' "$abi" || fail "could not make index.abi"
	# Types no unit sees: the example unit then asks for less than a
	# third of the baseline and reads its part through the index (a unit
	# that asks for more loads the whole: family_image).
	local n
	for n in $(seq 1 100); do echo "struct unit_sees_none_$n opaque"; done >>"$abi"
	local args=(-fplugin-arg-abiguard-baseline=abi/index.abi
		-fplugin-arg-abiguard-version-script=demo.map)
	for cc in "${compilers[@]}"; do
		echo "$cc: the text reader"
		ABIGUARD_CACHE_DIR=off plugin "$cc" 1 "${args[@]}"
		expect_out "[released-signature-changed]"
		cp "$work/out" "$work/want-$cc"
		same() { # LABEL: the last compile said what the text reader said
			cmp -s "$work/out" "$work/want-$cc" ||
				{ diff "$work/want-$cc" "$work/out" >&2; fail "$cc, $1: not what the text reader says"; }
		}
		rm -rf "$cache"
		ABIGUARD_CACHE_DIR=$cache plugin "$cc" 1 "${args[@]}"
		same "building the index"
		local idx
		idx=$(echo "$cache"/*.abgidx)
		[ -f "$idx" ] || fail "$cc: no index in the cache"
		ABIGUARD_CACHE_DIR=$cache plugin "$cc" 1 "${args[@]}"
		same "through the index"
		cp "$idx" "$work/good.abgidx"
		for kind in truncate empty oversize flip-head flip-slots flip-empty \
			flip-runs flip-lines flip-middle counts swap; do
			echo "$cc: index $kind"
			cp "$work/good.abgidx" "$idx"
			python3 "$here/index.py" "$kind" "$idx" || fail "index.py $kind"
			ABIGUARD_CACHE_DIR=$cache plugin "$cc" 1 "${args[@]}"
			same "index $kind"
			# Damage where a unit reads is seen, and repaired.
			[ "$kind" = flip-middle ] || cmp -s "$idx" "$work/good.abgidx" ||
				fail "$cc, $kind: the damaged index was not replaced"
		done
		# Another text's index under this text's name.
		echo "$cc: the index of another text"
		ABIGUARD_CACHE_DIR=$cache plugin "$cc" 0 \
			-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi
		local other f
		for f in "$cache"/*.abgidx; do [ "$f" = "$idx" ] || other=$f; done
		cp "$other" "$idx"
		ABIGUARD_CACHE_DIR=$cache plugin "$cc" 1 "${args[@]}"
		same "the index of another text"
		# Not a file: a directory, a FIFO, a huge sparse file.
		for kind in directory fifo huge; do
			echo "$cc: index that is a $kind"
			rm -rf "$idx"
			case $kind in
			directory) mkdir "$idx" ;;
			fifo) mkfifo "$idx" ;;
			huge) truncate -s 300M "$idx" ;;
			esac
			ABIGUARD_CACHE_DIR=$cache plugin "$cc" 1 "${args[@]}"
			same "an index that is a $kind"
		done
		rm -rf "$idx"
		# A cache directory that cannot be one.
		echo "$cc: a cache that is a file"
		ABIGUARD_CACHE_DIR=$work/good.abgidx plugin "$cc" 1 "${args[@]}"
		same "a cache that is a file"
	done
	# make -j: units race to build the same index; all agree, one index
	# is left and no temporary file.
	echo "gcc: eight units racing for one index"
	rm -rf "$cache"
	local i pids=()
	for i in 1 2 3 4 5 6 7 8; do
		(cd "$lib_dir" && ABIGUARD_CACHE_DIR=$cache exec gcc -Iinclude \
			-fplugin="$gcc_plugin" -fplugin-arg-abiguard-public=include \
			"${args[@]}" -c src/demo.c -o "$work/race$i.o") \
			>"$work/race$i.out" 2>&1 &
		pids+=($!)
	done
	for i in 1 2 3 4 5 6 7 8; do
		if wait "${pids[$((i - 1))]}"; then fail "race $i: the compile passed"; fi
		cmp -s "$work/race$i.out" "$work/want-gcc" ||
			{ diff "$work/want-gcc" "$work/race$i.out" >&2; fail "race $i: not what the text reader says"; }
	done
	[ "$(find "$cache" -name '*.abgidx' -type f | wc -l)" = 1 ] &&
		[ "$(find "$cache" -type f | wc -l)" = 2 ] ||
		{ ls -la "$cache" >&2; fail "the race left more than an index and an image"; }
}

# The baseline image (common/baseline/baseline_image.c): the example unit
# asks for nearly the whole baseline, so it loads the image that the first
# unit stored, and the post-link check loads it too. Damaged, truncated,
# forged (the checksum made to match), of another text, not a file: each
# compile and check says exactly what the text reader says, and a unit
# that finds a bad image stores a good one again.
family_image() {
	local cache=$work/image-cache kind cc img
	local args=(-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi
		-fplugin-arg-abiguard-version-script=demo.map)
	for cc in "${compilers[@]}"; do
		echo "$cc: the text reader"
		ABIGUARD_CACHE_DIR=off plugin "$cc" 0 "${args[@]}"
		cp "$work/out" "$work/want-$cc"
		same() { # LABEL
			cmp -s "$work/out" "$work/want-$cc" ||
				{ diff "$work/want-$cc" "$work/out" >&2; fail "$cc, $1: not what the text reader says"; }
		}
		rm -rf "$cache"
		ABIGUARD_CACHE_DIR=$cache plugin "$cc" 0 "${args[@]}"
		same "storing the image"
		img=$(echo "$cache"/*.abgimg)
		[ -f "$img" ] || fail "$cc: no image in the cache"
		cp "$img" "$work/good.abgimg"
		ABIGUARD_CACHE_DIR=$cache plugin "$cc" 0 "${args[@]}"
		same "through the image"
		for kind in truncate empty oversize flip-head flip-body forge-counts \
			forge-types forge-strings; do
			echo "$cc: image $kind"
			cp "$work/good.abgimg" "$img"
			python3 "$here/image.py" "$kind" "$img" || fail "image.py $kind"
			ABIGUARD_CACHE_DIR=$cache plugin "$cc" 0 "${args[@]}"
			same "image $kind"
			cmp -s "$img" "$work/good.abgimg" ||
				fail "$cc, $kind: the bad image was not replaced"
		done
		echo "$cc: the image of another text"
		cp "$work/good.abgimg" "$work/this.abgimg"
		(cd "$lib_dir" && sed 's/^soname .*/soname libother.so.1/' \
			abi/libdemo.so.1.abi >"$work/other.abi")
		ABIGUARD_CACHE_DIR=$work/other-cache "$abiguard" diff "$work/other.abi" \
			"$work/other.abi" >/dev/null || fail "diff of other.abi"
		cp "$work"/other-cache/*.abgimg "$img"
		ABIGUARD_CACHE_DIR=$cache plugin "$cc" 0 "${args[@]}"
		same "the image of another text"
		for kind in directory fifo huge; do
			echo "$cc: image that is a $kind"
			rm -rf "$img"
			case $kind in
			directory) mkdir "$img" ;;
			fifo) mkfifo "$img" ;;
			huge) truncate -s 300M "$img" ;;
			esac
			ABIGUARD_CACHE_DIR=$cache plugin "$cc" 0 "${args[@]}"
			same "an image that is a $kind"
		done
		rm -rf "$img"
	done
	echo "the post-link check: text, image built, image, image forged"
	# A released signature the library no longer has: what a wrong image
	# would lose.
	local want=$work/check-want changed=$work/changed.abi
	sed 's/^func demo_close@@DEMO_1.0 int (struct demo \*)$/func demo_close@@DEMO_1.0 long (struct demo *)/' \
		"$baseline" >"$changed"
	ABIGUARD_CACHE_DIR=off cli 1 check --baseline "$changed" --version-script "$map" "$lib"
	expect_out "[released-signature-changed]"
	cp "$work/out" "$want"
	rm -rf "$cache"
	for kind in none none forge-types flip-body; do
		[ "$kind" = none ] || python3 "$here/image.py" "$kind" "$cache"/*.abgimg
		ABIGUARD_CACHE_DIR=$cache cli 1 check --baseline "$changed" \
			--version-script "$map" "$lib"
		cmp -s "$work/out" "$want" ||
			{ diff "$want" "$work/out" >&2; fail "check, image $kind: not what the text reader says"; }
	done
}

family_config() {
	local f cc
	for f in config-long-value config-long-key config-no-equals; do
		echo "$f"
		gen "$f" "$lib_dir/.abiguard"
		(cd "$lib_dir" && cli 2 check --baseline "$baseline" "$lib")
		expect_out ".abiguard: error: larger than 1024 KiB: not a config file"
		for cc in "${compilers[@]}"; do
			plugin "$cc" 1
			expect_out ".abiguard: larger than 1024 KiB"
		done
	done
	# Small enough to parse: the error names the line, the value is cut.
	gen config-long-value "$lib_dir/.abiguard" 100000
	(cd "$lib_dir" && cli 2 check --baseline "$baseline" "$lib")
	expect_out ".abiguard:2: error: option 'mode' must be check, record or off, not 'xxxx"
	expect_out "xxx...'"
	short_lines
	for cc in "${compilers[@]}"; do
		plugin "$cc" 1
		expect_out ".abiguard:2: option 'mode' must be"
		short_lines
	done
	gen config-no-equals "$lib_dir/.abiguard" 100000
	(cd "$lib_dir" && cli 2 check --baseline "$baseline" "$lib")
	expect_out ".abiguard:2: error: expected 'KEY = VALUE', found 'public include'"
	rm "$lib_dir/.abiguard"
}

family_files() {
	mkfifo "$work/fifo"
	local -A what=([/dev/zero]="a character device" [$work/fifo]="a FIFO"
		[$work]="a directory")
	local f cc
	for f in "${!what[@]}"; do
		echo "$f"
		cli 2 diff "$baseline" "$f"
		expect_out "$f: error: not a regular file (${what[$f]})"
		cli 2 diff "$f" "$baseline"
		cli 2 check --baseline "$f" "$lib"
		expect_out "$f: error: not a regular file (${what[$f]})"
		cli 2 check --baseline "$baseline" --version-script "$f" "$lib"
		cli 2 check --baseline "$baseline" "$f"
		cli 2 dump "$f"
		cli 2 baseline release --baseline "$f"
		for cc in "${compilers[@]}"; do
			plugin "$cc" 1 -fplugin-arg-abiguard-baseline="$f"
			expect_out "$f: not a regular file (${what[$f]})"
			plugin "$cc" 1 -fplugin-arg-abiguard-version-script="$f"
			expect_out "$f: not a regular file (${what[$f]})"
		done
	done
	# A .abiguard that is a FIFO is refused too.
	mkfifo "$lib_dir/.abiguard"
	(cd "$lib_dir" && cli 2 check --baseline "$baseline" "$lib")
	expect_out ".abiguard: error: not a regular file (a FIFO)"
	rm "$lib_dir/.abiguard"
	# An object file is not a library.
	cli 2 check --baseline "$baseline" "$lib_dir/build/demo.o"
	expect_out "demo.o: error: not a shared library (ELF type ET_REL, a relocatable object)"
	cli 2 diff "$baseline" "$lib_dir/build/demo.o"
	cli 2 baseline update --baseline "$work/new.abi" "$lib_dir/build/demo.o"
	[ ! -e "$work/new.abi" ] || fail "a baseline was written from an object file"
}

family_silent_pass() {
	local cc
	cli 2 check "$lib"
	expect_out "check needs --baseline FILE"
	cli 2 check --version-script "$map" "$lib"
	for cc in "${compilers[@]}"; do
		plugin "$cc" 1 -fplugin-arg-abiguard-mode=check
		expect_out "mode=check needs a baseline"
		ABIGUARD_OPTIONS=mode=check plugin "$cc" 1
		expect_out "mode=check needs a baseline"
		# Record mode makes the first baseline: no baseline is fine.
		plugin "$cc" 0 -fplugin-arg-abiguard-mode=record
		plugin "$cc" 0
	done
	cp "$baseline" "$work/kept.abi"
	cli 2 baseline update --baseline "$work/kept.abi" --open-node DEMO_9.9 "$lib"
	expect_out "--open-node 'DEMO_9.9': $lib has no version node of that name (it has 'DEMO_1.0', 'DEMO_1.1')"
	cmp -s "$work/kept.abi" "$baseline" || fail "a refused update touched the baseline"
	cli 0 baseline update --baseline "$work/first.abi" --open-node DEMO_1.1 "$lib"
	grep -q '^node DEMO_1.1 open' "$work/first.abi" || fail "--open-node did not open DEMO_1.1"
	cli 2 baseline update --baseline "$work/second.abi" --report-md "$work/no/such/dir/r.md" "$lib"
	expect_out "r.md: error: cannot create temporary file"
	printf '# nothing here\n' >"$work/comments.map"
	cli 2 check --baseline "$baseline" --version-script "$work/comments.map" "$lib"
	# The script and the library must agree on the version nodes.
	sed 's/^DEMO_1.1 {/DEMO_1.2 {/' "$map" >"$work/renamed.map"
	cli 1 check --baseline "$baseline" --version-script "$work/renamed.map" "$lib"
	expect_out "renamed.map:16:1: error: version node 'DEMO_1.2' is in the version script but not in the library's version definitions [version-node-mismatch]"
	expect_out "renamed.map: error: the library defines version node 'DEMO_1.1', which the version script does not have [version-node-mismatch]"
}

family_plugin_args() {
	local cc long
	long=$(head -c 100000 /dev/zero | tr '\0' z)
	for cc in "${compilers[@]}"; do
		plugin "$cc" 1 -fplugin-arg-abiguard-mode="$long"
		expect_out "must be check, record or off, not 'zzzz"
		expect_out "zzz...'"
		short_lines
		plugin "$cc" 1 -fplugin-arg-abiguard-severity="$long"
		short_lines
		plugin "$cc" 1 -fplugin-arg-abiguard-accept="$long"
		short_lines
		plugin "$cc" 1 "-fplugin-arg-abiguard-$long=1"
		expect_out "unknown option"
		short_lines
		plugin "$cc" 1 -fplugin-arg-abiguard-baseline=
		expect_out "needs a value"
		# Many values: accepted, in bounded memory.
		plugin "$cc" 0 -fplugin-arg-abiguard-mode=record \
			-fplugin-arg-abiguard-private-nodes="$(printf '*_P%d:' $(seq 1 10000))"
	done
}

family_tmpfiles() {
	# What a SIGKILL leaves: the temporary files of dead processes. The
	# next write removes them and keeps a live process's one.
	local dead
	dead=$(sh -c 'echo $$')
	touch "$work/t.abi.tmp.$dead.AbCdEf" "$work/t.abi.tmp.$$.AbCdEf" "$work/t.abi.tmp.other"
	cli 0 baseline update --baseline "$work/t.abi" "$lib"
	[ ! -e "$work/t.abi.tmp.$dead.AbCdEf" ] || fail "a dead process's temporary file was kept"
	[ -e "$work/t.abi.tmp.$$.AbCdEf" ] || fail "a live process's temporary file was removed"
	[ -e "$work/t.abi.tmp.other" ] || fail "a file that is not abiguard's was removed"
	# SIGTERM during updates: never a stray file or a torn baseline.
	gen baseline-many-fields "$work/big.abi" 200000
	sed -i 's/^node DEMO_1.0 released/node DEMO_1.0 open/' "$work/big.abi"
	cp "$work/big.abi" "$work/released.abi"
	"$abiguard" baseline release --baseline "$work/released.abi" >/dev/null
	local i
	for i in 1 2 3 4 5 6 7 8 9; do
		cp "$work/big.abi" "$work/k.abi"
		"$abiguard" baseline release --baseline "$work/k.abi" >/dev/null 2>&1 &
		sleep "0.$i"
		kill -TERM $! 2>/dev/null || true
		wait $! || true
		! ls "$work"/k.abi.tmp.* >/dev/null 2>&1 ||
			fail "SIGTERM after 0.${i}s left $(ls "$work"/k.abi.tmp.*)"
		cmp -s "$work/k.abi" "$work/big.abi" ||
			cmp -s "$work/k.abi" "$work/released.abi" ||
			fail "a release killed after 0.${i}s tore the baseline"
	done
	echo "  9 releases killed with SIGTERM: no temporary file left, baseline intact"
}

# Compressed summaries (docs/baseline-format.md, "Notes"), forged: each
# replaces the notes of the example library. A clean error, in bounded
# memory, and nothing decompressed beyond the bound.
note_section() { # OUT PAYLOAD...: a .note.abiguard section of these records
	python3 - "$@" <<'PY'
import struct, sys
out = open(sys.argv[1], "wb")
for path in sys.argv[2:]:
    desc = open(path, "rb").read()
    name = b"ABIGUARD\0"
    pad = lambda b: b + b"\0" * (-len(b) % 4)
    out.write(struct.pack("<III", len(name), len(desc), 0x41424901))
    out.write(pad(name) + pad(desc))
PY
}

forge() { # NAME PAYLOAD: the example library with this one note
	note_section "$work/$1.sec" "$2"
	objcopy --update-section .note.abiguard="$work/$1.sec" "$lib" \
		"$work/$1.so" || fail "objcopy $1"
}

# decompress MAGIC: stdin's frame as text, by the tool of that framing
decompress() {
	case $1 in
	abiguard-lz4) lz4 -dcq ;;
	abiguard-zstd) zstd -dcq ;;
	esac
}

# frame TOOL FILE: FILE compressed by the tool, as the plugin would (the lz4
# frame with the text's size in its header)
frame() {
	case $1 in
	lz4) lz4 -q -c --content-size "$2" ;;
	zstd) zstd -q -c "$2" ;;
	esac
}

# The first record of the example, as text: the plugin wrote it (compressed
# when it is long enough).
first_note_text() { # OUT
	objcopy --dump-section .note.abiguard="$work/orig.sec" "$lib" \
		"$work/scratch.so"
	python3 - "$work/orig.sec" "$work/first.note" <<'PY'
import struct, sys
raw = open(sys.argv[1], "rb").read()
namesz, descsz, _ = struct.unpack("<III", raw[:12])
off = 12 + namesz + (-namesz % 4)
open(sys.argv[2], "wb").write(raw[off:off + descsz])
PY
	local line
	line=$(head -n 1 "$work/first.note")
	case $line in
	"abiguard-lz4 1 "* | "abiguard-zstd 1 "*)
		tail -c +$((${#line} + 2)) "$work/first.note" |
			decompress "${line%% *}" >"$1"
		[ "$(stat -c %s "$1")" = "${line##* }" ] ||
			fail "the plugin's note does not decompress to its announced size"
		;;
	*) cp "$work/first.note" "$1" ;;
	esac
}

# refused NAME EXPECTED: the library forged with $work/NAME.note makes the
# check exit 2 with EXPECTED in its output.
refused() {
	forge "$1" "$work/$1.note"
	cli 2 check --baseline "$baseline" --version-script "$map" "$work/$1.so"
	expect_out "$2"
}

framing_cases() { # TOOL TEXT: forged frames of this framing are refused
	local tool=$1 text=$2 magic="abiguard-$1 1" size
	size=$(stat -c %s "$text")
	echo "$tool: compressed by the $tool tool, as the plugin would"
	{ echo "$magic $size"; frame "$tool" "$text"; } >"$work/good.note"
	forge good "$work/good.note"
	cli "0|1" check --baseline "$baseline" --version-script "$map" "$work/good.so"
	echo "$tool: more than any input may be"
	{ echo "$magic 268435457"; frame "$tool" "$text"; } >"$work/huge.note"
	refused huge "huge.so: error: corrupt ABI summary: malformed 'abiguard-$tool' line"
	echo "$tool: a size that is not the text's"
	{ echo "$magic $((size + 1))"; frame "$tool" "$text"; } >"$work/long.note"
	refused long "bytes of text, $((size + 1)) announced"
	{ echo "$magic $((size - 1))"; frame "$tool" "$text"; } >"$work/short.note"
	refused short "short.so: error: corrupt ABI summary:"
	echo "$tool: truncated, damaged, and not a frame"
	head -c $(($(stat -c %s "$work/good.note") - 3)) "$work/good.note" >"$work/cut.note"
	refused cut "cut.so: error: corrupt ABI summary:"
	python3 - "$work/good.note" "$work/bad.note" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[len(b) // 2] ^= 0x5a
open(sys.argv[2], "wb").write(b)
PY
	refused bad "bad.so: error: corrupt ABI summary:"
	{ echo "$magic $size"; head -c 4096 "$text"; } >"$work/garbage.note"
	refused garbage "garbage.so: error: corrupt ABI summary:"
}

family_notes() {
	local text=$work/unit.summary
	first_note_text "$text"
	framing_cases lz4 "$text"
	framing_cases zstd "$text"
	echo "lz4: a bomb, 256 MiB of zeros in a frame that does not say its size"
	{ printf 'abiguard-lz4 1 268435456\n'
		head -c 268435456 /dev/zero | lz4 -q -c; } >"$work/bomb-lz4.note"
	refused bomb-lz4 "bomb-lz4.so: error: corrupt ABI summary: the frame holds 0 bytes of text, 268435456 announced"
	echo "zstd: a bomb, 256 MiB of zeros in a few KiB"
	{ printf 'abiguard-zstd 1 268435456\n'
		head -c 268435456 /dev/zero | zstd -q -19 -c; } >"$work/bomb.note"
	refused bomb "bomb.so: error: corrupt ABI summary:"
	expect_out "bytes of compressed text claim 268435456 bytes"
	short_lines
	echo "a thousand bombs: the first stops the check, none is inflated"
	local many=()
	for _ in $(seq 1000); do many+=("$work/bomb.note"); done
	note_section "$work/many.sec" "${many[@]}"
	objcopy --update-section .note.abiguard="$work/many.sec" "$lib" "$work/many.so"
	cli 2 check --baseline "$baseline" --version-script "$map" "$work/many.so"
	expect_out "claim 268435456 bytes"
}

"family_${family//-/_}"
echo PASS
