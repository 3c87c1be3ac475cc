#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The baseline is deterministic to the byte: two builds of the example in
# different directories give the same file, equal to the committed one, and
# refreshing an up-to-date baseline changes nothing.
source "$(dirname "$0")/lib.bash"

make_baseline() { # dir -> dir/abi/fresh.abi
	make --no-print-directory -C "$1" ABIGUARD_PLUGIN="$plugin" \
		ABIGUARD_MODE=record >/dev/null
	expect_status 0 "$abiguard" baseline update --baseline "$1/abi/fresh.abi" \
		--version-script "$1/demo.map" "$1/build/libdemo.so.1"
	grep -qx "baseline $1/abi/fresh.abi written: 7 symbols in 2 version nodes, [0-9]* lines" \
		"$work/out" || { cat "$work/out" >&2; fail "a new baseline is not reported by its size"; }
}

one=$(copy_example one)
mkdir -p "$work/deeper/path"
two=$(cp -r "$example" "$work/deeper/path/two" && echo "$work/deeper/path/two")
rm -rf "$two/build"
make_baseline "$one"
make_baseline "$two"
cmp "$one/abi/fresh.abi" "$two/abi/fresh.abi" || fail "two build directories disagree"
cmp "$one/abi/fresh.abi" "$example/abi/libdemo.so.1.abi" ||
	fail "the committed baseline is not what the tool writes"

before=$(stat -c %Y:%i "$one/abi/libdemo.so.1.abi")
expect_status 0 "$abiguard" baseline update --baseline "$one/abi/libdemo.so.1.abi" \
	--version-script "$one/demo.map" "$one/build/libdemo.so.1"
grep -q "is up to date" "$work/out" || fail "refresh of an unchanged build rewrote the baseline"
[ "$before" = "$(stat -c %Y:%i "$one/abi/libdemo.so.1.abi")" ] || fail "baseline file was replaced"
echo PASS
