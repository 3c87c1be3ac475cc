#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `abiguard lint` on an end-to-end case: the example library changed the
# wrong way (bad.patch) and the right way (good.patch), with the compile
# commands its Makefile runs under the GCC plugin.
#
#   lint-case.sh CASE_DIR EXAMPLE_DIR ABIGUARD [CLANG_TIDY TIDY_MODULE]
#
# bad:  `lint -p build src/demo.c` prints CASE_DIR/lint.file.expected
#       and `lint -p build` (the public headers once) prints
#       CASE_DIR/lint.headers.expected, exactly; exit 1 when either
#       has an error, else 0.
# good: both print nothing (or lint.good.file.expected and
#       lint.good.headers.expected, when the case has them) and exit 0.
# With CLANG_TIDY and TIDY_MODULE, the abiguard checks of clang-tidy find
# in src/demo.c what lint finds there, in both variants.
source "$(dirname "$0")/lib.bash"
case_dir=$1 example=$2 abiguard=$3 clang_tidy=${4:-} tidy_module=${5:-}
name=$(basename "$case_dir")

prepare() { # variant patch -> a copy with its compilation database
	local dir=$work/$1
	cp -r "$example" "$dir"
	rm -rf "$dir/build"
	mkdir "$dir/build"
	patch --quiet -p1 -d "$dir" <"$2"
	compile_commands "$dir" "$dir/build/compile_commands.json" \
		gcc -O2 -g -fPIC -Wall -Wextra -Iinclude -fplugin=abiguard \
		-fplugin-arg-abiguard-mode=check \
		-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
		-fplugin-arg-abiguard-version-script=demo.map \
		-fplugin-arg-abiguard-public=include
	echo "$dir"
}

# run_lint DIR OUT ARGS...: stdout to OUT, the exit status echoed
run_lint() {
	local dir=$1 out=$2 status=0
	shift 2
	(cd "$dir" && "$abiguard" lint -p build "$@") >"$out" 2>"$out.err" ||
		status=$?
	if [ -s "$out.err" ]; then
		cat "$out.err" >&2
		fail "lint wrote to stderr"
	fi
	echo "$status"
}

check_variant() { # dir kind(file|headers) expected-file args...
	local dir=$1 kind=$2 want=$3
	shift 3
	local status
	status=$(run_lint "$dir" "$work/$kind.actual" "$@")
	diff -u "$want" "$work/$kind.actual" ||
		fail "$name: lint output ($kind) differs from $(basename "$want")"
	local want_status=0
	grep -q ': error: ' "$want" && want_status=1
	[ "$status" = "$want_status" ] ||
		fail "$name: lint ($kind) exited $status, want $want_status"
}

# same_as_tidy DIR LINT_OUTPUT: clang-tidy's findings in src/demo.c are
# lint's
same_as_tidy() {
	[ -n "$clang_tidy" ] || return 0
	tidy "$clang_tidy" "$tidy_module" "$1" -p build src/demo.c |
		findings "$1" >"$work/tidy.findings"
	findings "$1" <"$2" >"$work/lint.findings"
	diff -u "$work/lint.findings" "$work/tidy.findings" ||
		fail "$name: clang-tidy and lint find different things"
}

bad=$(prepare bad "$case_dir/bad.patch")
check_variant "$bad" file "$case_dir/lint.file.expected" src/demo.c
same_as_tidy "$bad" "$case_dir/lint.file.expected"
check_variant "$bad" headers "$case_dir/lint.headers.expected"

# A right fix may still be worth a warning (a source-only change): then
# the case says which, in lint.good.{file,headers}.expected.
good_expected() { # kind
	local f=$case_dir/lint.good.$1.expected
	if [ -f "$f" ]; then echo "$f"; else echo /dev/null; fi
}
good=$(prepare good "$case_dir/good.patch")
check_variant "$good" file "$(good_expected file)" src/demo.c
same_as_tidy "$good" "$(good_expected file)"
check_variant "$good" headers "$(good_expected headers)"
echo "PASS: lint${clang_tidy:+ and clang-tidy} on $name"
