#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A clang-tidy-style suppression with a reason on the declaration line
# silences the finding in all three front ends: the GCC plugin, the Clang
# plugin and `abiguard lint`; without it, all three report it.
#
#   nolint.sh EXAMPLE_DIR ABIGUARD GCC_PLUGIN CLANG_PLUGIN
source "$(dirname "$0")/lib.bash"
example=$1 abiguard=$2 gcc_plugin=$3 clang_plugin=$4
case_dir=$(cd "$(dirname "$0")/../e2e/cases/param-type-changed" && pwd)
rule=released-signature-changed

prepare() { # name -> a copy with demo_read's length changed
	local dir=$work/$1
	cp -r "$example" "$dir"
	rm -rf "$dir/build"
	mkdir "$dir/db"
	patch --quiet -p1 -d "$dir" <"$case_dir/bad.patch"
	compile_commands "$dir" "$dir/db/compile_commands.json" \
		gcc -Iinclude -fplugin=abiguard \
		-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
		-fplugin-arg-abiguard-version-script=demo.map \
		-fplugin-arg-abiguard-public=include
	echo "$dir"
}

# front_ends DIR: "gcc clang lint" status and output of each in DIR/*.log
front_ends() {
	local dir=$1
	make --no-print-directory -s -C "$dir" CC=gcc ABIGUARD="$abiguard" \
		ABIGUARD_PLUGIN="$gcc_plugin" >"$dir/gcc.log" 2>&1 && echo -n "0 " || echo -n "1 "
	make --no-print-directory -s -C "$dir" clean >/dev/null
	make --no-print-directory -s -C "$dir" CC=clang ABIGUARD="$abiguard" \
		ABIGUARD_PLUGIN="$clang_plugin" >"$dir/clang.log" 2>&1 && echo -n "0 " || echo -n "1 "
	(cd "$dir" && "$abiguard" lint -p db src/demo.c) >"$dir/lint.log" 2>&1 &&
		echo 0 || echo 1
}

loud=$(prepare loud)
[ "$(front_ends "$loud")" = "1 1 1" ] || fail "the change is not reported by every front end"
for fe in gcc clang lint; do
	grep -q "\[$rule\]" "$loud/$fe.log" || fail "$fe does not name [$rule]"
done

quiet=$(prepare quiet)
sed -i "/^ssize_t demo_read(/s|\$|  // NOLINT($rule): lengths never exceed 4 GiB|" \
	"$quiet/include/demo.h"
grep -q "NOLINT($rule)" "$quiet/include/demo.h" || fail "could not add the NOLINT comment"
statuses=$(front_ends "$quiet")
for fe in gcc clang lint; do
	if grep -q "\[$rule\]" "$quiet/$fe.log"; then
		cat "$quiet/$fe.log" >&2
		fail "$fe reports the suppressed finding"
	fi
done
[ "$statuses" = "0 0 0" ] || fail "with NOLINT: exit statuses $statuses, want 0 0 0"
echo "PASS: NOLINT silences the GCC plugin, the Clang plugin and lint"
