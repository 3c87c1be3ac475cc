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
abiguard=$1 plugin=$2
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

for c in "${cases[@]}"; do
	d=$work/$c
	cp -r "$here/$c" "$d"
	cd "$d" || exit 2
	mapflag=()
	[ -f lib.map ] && mapflag=(--version-script lib.map)
	pluginmap=()
	[ -f lib.map ] && pluginmap=(-fplugin-arg-abiguard-version-script=lib.map)
	build() { # MODE
		local o objs=()
		for s in src/*.c; do
			o=$d/$(basename "$s" .c).o
			gcc -fdiagnostics-plain-output -O2 -fPIC -Iinclude -fplugin="$plugin" \
				-fplugin-arg-abiguard-mode="$1" -fplugin-arg-abiguard-public=include \
				-fplugin-arg-abiguard-baseline=lib.abi "${pluginmap[@]}" \
				-c "$s" -o "$o" || return 1
			objs+=("$o")
		done
		gcc -shared -o libfix.so.1 -Wl,-soname,libfix.so.1 \
			${mapflag:+-Wl,--version-script=lib.map} "${objs[@]}"
	}
	build record >"$work/$c.record.log" 2>&1 || { cat "$work/$c.record.log"; exit 2; }
	u1=$(run "$work/$c.u1" "$abiguard" baseline update --baseline lib.abi "${mapflag[@]}" libfix.so.1)
	cp lib.abi "$work/$c.first.abi" 2>/dev/null
	u2=$(run "$work/$c.u2" "$abiguard" baseline update --baseline lib.abi "${mapflag[@]}" libfix.so.1)
	same=no
	cmp -s lib.abi "$work/$c.first.abi" && same=yes
	ch=$(run "$work/$c.check" "$abiguard" check --baseline lib.abi "${mapflag[@]}" libfix.so.1)
	cc=0
	build check >"$work/$c.compile" 2>&1 || cc=$?
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
