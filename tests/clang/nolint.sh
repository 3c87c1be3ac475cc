#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A clang-tidy-style suppression with a reason on the declaration line
# silences the finding in every front end: the GCC plugin, the Clang
# plugin, `abiguard lint` and the clang-tidy module; without it, all of
# them report it. The rule may be named by its id or by its clang-tidy
# check name (abiguard-RULE).
#
#   nolint.sh EXAMPLE_DIR ABIGUARD GCC_PLUGIN CLANG_PLUGIN [CLANG_TIDY TIDY_MODULE]
source "$(dirname "$0")/lib.bash"
example=$1 abiguard=$2 gcc_plugin=$3 clang_plugin=$4
clang_tidy=${5:--} tidy_module=${6:--}
fes=(gcc clang lint)
[ "$clang_tidy" = - ] || fes+=(tidy)
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

# front_ends DIR: "gcc clang lint [tidy]" status and output of each in
# DIR/*.log
front_ends() {
	local dir=$1
	make --no-print-directory -s -C "$dir" CC=gcc ABIGUARD="$abiguard" \
		ABIGUARD_PLUGIN="$gcc_plugin" >"$dir/gcc.log" 2>&1 && echo -n "0 " || echo -n "1 "
	make --no-print-directory -s -C "$dir" clean >/dev/null
	make --no-print-directory -s -C "$dir" CC=clang ABIGUARD="$abiguard" \
		ABIGUARD_PLUGIN="$clang_plugin" >"$dir/clang.log" 2>&1 && echo -n "0 " || echo -n "1 "
	(cd "$dir" && "$abiguard" lint -p db src/demo.c) >"$dir/lint.log" 2>&1 &&
		echo -n 0 || echo -n 1
	if [ "$clang_tidy" != - ]; then
		(cd "$dir" && "$clang_tidy" --quiet --load="$tidy_module" \
			--checks='-*,abiguard-*' -p db src/demo.c) \
			>"$dir/tidy.log" 2>&1 && echo -n " 0" || echo -n " 1"
	fi
	echo
}

all() { # status -> that status once per front end
	local out="" fe
	for fe in "${fes[@]}"; do out+="${out:+ }$1"; done
	echo "$out"
}

loud=$(prepare loud)
[ "$(front_ends "$loud")" = "$(all 1)" ] || fail "the change is not reported by every front end"
for fe in "${fes[@]}"; do
	grep -q "\[\(abiguard-\)\?$rule\]" "$loud/$fe.log" || fail "$fe does not name [$rule]"
done

# quiet NAME COMMENT: with COMMENT on the declaration, no front end
# reports the finding
quiet() {
	local dir
	dir=$(prepare "$1")
	sed -i "/^ssize_t demo_read(/s|\$|  // $2|" "$dir/include/demo.h"
	grep -q -F "$2" "$dir/include/demo.h" || fail "could not add the NOLINT comment"
	local statuses fe
	statuses=$(front_ends "$dir")
	for fe in "${fes[@]}"; do
		if grep -q "$rule\]" "$dir/$fe.log"; then
			cat "$dir/$fe.log" >&2
			fail "$fe reports the finding suppressed by '$2'"
		fi
	done
	[ "$statuses" = "$(all 0)" ] ||
		fail "with '$2': exit statuses $statuses, want $(all 0)"
}
quiet quiet "NOLINT($rule): lengths never exceed 4 GiB"
quiet quiet-tidy-name "NOLINT(abiguard-$rule): lengths never exceed 4 GiB"
echo "PASS: NOLINT silences ${fes[*]}"
