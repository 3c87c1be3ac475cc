#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Libraries compile each source twice: for the static archive, and with
# -fvisibility=hidden for the shared object. Neither compile may report a
# false finding, even when the version script has no "local: *" and only
# visibility keeps internal helpers (src/log.c's demo_log_default) private.
source "$(dirname "$0")/lib.bash"
dir=$(copy_example lib)
cd "$dir"
sed -i '/local:/d; /^\t\t\*;$/d' demo.map
grep -q 'local' demo.map && fail "could not drop local: from the map"
for flags in "" "-fvisibility=hidden" "-fPIC" "-fPIC -fvisibility=hidden"; do
	for src in src/*.c; do
		# shellcheck disable=SC2086
		expect_status 0 gcc -fdiagnostics-plain-output $flags -Iinclude \
			-fplugin="$plugin" -fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
			-fplugin-arg-abiguard-version-script=demo.map \
			-fplugin-arg-abiguard-public=include -c "$src" -o "$work/x.o"
		if grep -q '\[[a-z-]*\]$' "$work/out"; then
			cat "$work/out" >&2
			fail "finding on $src with '$flags'"
		fi
	done
done
echo PASS
