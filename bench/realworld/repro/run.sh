#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The fixed-point reproducers found by the real-library corpus: each
# directory is a library in the state a real release left it in. For each:
# record a baseline, then check the very same build against it, twice, with
# the compile in check mode too. What must hold (DESIGN.md section 3): the
# two `baseline update` runs exit alike and write the same file, and every
# check of the unchanged sources is clean.
#
# Usage: bench/realworld/repro/run.sh ABIGUARD GCC_PLUGIN [CASE...]
# Exit status: 0 when every case holds, 1 otherwise (the findings printed).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
abiguard=$(realpath "$1") plugin=$(realpath "$2")
shift 2
cases=("$@")
[ ${#cases[@]} -gt 0 ] || for d in "$here"/*/; do cases+=("$(basename "$d")"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bad=0

run() { # LOG CMD...: status of CMD, output kept in LOG
	local log=$1 rc=0
	shift
	"$@" >"$log" 2>&1 || rc=$?
	echo $rc
}

# build DIR MODE: every unit of DIR with the plugin (and the options in
# DIR/cflags, if any), against DIR/../lib.abi, linked into DIR/libfix.so.1
build() {
	local dir=$1 mode=$2 o objs=() map=() extra=()
	[ -f "$dir/lib.map" ] && map=(-fplugin-arg-abiguard-version-script=lib.map)
	# shellcheck disable=SC2207
	[ -f "$dir/cflags" ] && extra=($(cat "$dir/cflags"))
	(
		cd "$dir" || exit 2
		for s in src/*.c; do
			o=$(basename "$s" .c).o
			gcc -fdiagnostics-plain-output -O2 -fPIC "${extra[@]}" -Iinclude -fplugin="$plugin" \
				-fplugin-arg-abiguard-mode="$mode" -fplugin-arg-abiguard-public=include \
				-fplugin-arg-abiguard-baseline=../lib.abi "${map[@]}" \
				-c "$s" -o "$o" || exit 1
			objs+=("$o")
		done
		# shellcheck disable=SC2054 # one linker option, its comma included
		[ ${#map[@]} -eq 0 ] || map=(-Wl,--version-script=lib.map)
		gcc -shared -o libfix.so.1 -Wl,-soname,libfix.so.1 "${map[@]}" "${objs[@]}"
	)
}

mapflag() { [ -f "$1/lib.map" ] && echo "--version-script $1/lib.map"; }

for c in "${cases[@]}"; do
	d=$work/$c
	mkdir -p "$d"
	if [ -d "$here/$c/old" ]; then
		# A change: old's baseline, new checked against it: no error.
		# The commands run in old/ and new/, whose .abiguard applies.
		cp -r "$here/$c/old" "$here/$c/new" "$d/"
		build "$d/old" record >"$work/$c.record.log" 2>&1 || { cat "$work/$c.record.log"; exit 2; }
		# shellcheck disable=SC2046
		u=$(run "$work/$c.u1" env -C "$d/old" "$abiguard" baseline update --baseline "$d/lib.abi" $(mapflag "$d/old") "$d/old/libfix.so.1")
		cc=0
		build "$d/new" check >"$work/$c.compile" 2>&1 || cc=$?
		# shellcheck disable=SC2046
		ch=$(run "$work/$c.check" env -C "$d/new" "$abiguard" check --baseline "$d/lib.abi" $(mapflag "$d/new") "$d/new/libfix.so.1")
		echo "$c: old's baseline $u; new: compile in check mode $cc, check $ch"
		if [ "$u" != 0 ] || [ "$cc" != 0 ] || [ "$ch" != 0 ]; then
			bad=1
			for f in compile check; do
				grep '\[[a-z-]*\]$' "$work/$c.$f" | sed "s/^/    $f: /"
			done
		fi
		continue
	fi
	cp -r "$here/$c" "$d/lib"
	build "$d/lib" record >"$work/$c.record.log" 2>&1 || { cat "$work/$c.record.log"; exit 2; }
	# shellcheck disable=SC2046
	u1=$(run "$work/$c.u1" "$abiguard" baseline update --baseline "$d/lib.abi" $(mapflag "$d/lib") "$d/lib/libfix.so.1")
	cp "$d/lib.abi" "$work/$c.first.abi" 2>/dev/null
	# shellcheck disable=SC2046
	u2=$(run "$work/$c.u2" "$abiguard" baseline update --baseline "$d/lib.abi" $(mapflag "$d/lib") "$d/lib/libfix.so.1")
	same=no
	cmp -s "$d/lib.abi" "$work/$c.first.abi" && same=yes
	# shellcheck disable=SC2046
	ch=$(run "$work/$c.check" "$abiguard" check --baseline "$d/lib.abi" $(mapflag "$d/lib") "$d/lib/libfix.so.1")
	cc=0
	build "$d/lib" check >"$work/$c.compile" 2>&1 || cc=$?
	grep -q '\[[a-z-]*\]$' "$work/$c.compile" && [ $cc = 0 ] && cc=findings
	echo "$c: baseline update $u1 then $u2 (same file: $same); check $ch; compile in check mode $cc"
	if [ "$u1" != "$u2" ] || [ $same != yes ] || [ "$ch" != 0 ] || [ "$cc" != 0 ]; then
		bad=1
		for f in u2 check compile; do
			grep '\[[a-z-]*\]$' "$work/$c.$f" | sed "s/^/    $f: /"
		done
	fi
done
exit $bad
