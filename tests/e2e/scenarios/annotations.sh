#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# abiguard.h's promises hold the same way in the compile (the plugin fails
# at the declaration), in `abiguard check` and in `baseline update`: a
# growable struct that grows at its end, an opaque type that changes, an
# append-only enum that gains an enumerator before its sentinel, and a
# reserved field put to use are accepted; a growable struct whose middle
# field changes, and a released type that loses its annotation or gains
# one, are refused, and the refused update leaves the baseline untouched.
# The libraries are the change fixtures' (tests/changes/).
source "$(dirname "$0")/lib.bash"
changes=$(cd "$(dirname "$0")/../../changes" && pwd)
annotations=$(cd "$(dirname "$0")/../../../include" && pwd)

# compile DIR MODE: DIR's units with the plugin; its diagnostics in
# DIR/compile.log. Fails when a unit does.
compile() {
	local dir=$1 mode=$2 src status=0
	mkdir -p "$dir/build"
	: >"$dir/compile.log"
	for src in "$dir"/src/*.c; do
		(cd "$dir" && gcc -fdiagnostics-plain-output -O2 -fPIC -Wall -Wextra \
			-Iinclude -I"$annotations" -fplugin="$plugin" \
			-fplugin-arg-abiguard-mode="$mode" \
			-fplugin-arg-abiguard-baseline=abi/lib.abi \
			-fplugin-arg-abiguard-public=include \
			-fplugin-arg-abiguard-version-script=lib.map \
			-c "src/${src##*/}" -o "build/$(basename "$src" .c).o") \
			2>>"$dir/compile.log" || status=1
	done
	return $status
}

link() {
	(cd "$1" && gcc -shared -o build/libfix.so.1 build/*.o -Wl,-soname,libfix.so.1 \
		-Wl,--version-script=lib.map)
}

# judge FIXTURE accept|refuse KIND: old recorded and released, then new
# compiled (without record: the check build), checked and refreshed.
judge() {
	local name=$1 verdict=$2 kind=$3 dir=$work/$1
	cp -r "$changes/$name/old" "$dir"
	mkdir -p "$dir/abi"
	compile "$dir" record || { cat "$dir/compile.log" >&2; fail "$name: old does not build"; }
	link "$dir"
	expect_status 0 "$abiguard" baseline update --baseline "$dir/abi/lib.abi" \
		--version-script "$dir/lib.map" "$dir/build/libfix.so.1"
	cp -r "$changes/$name/new/." "$dir"
	cp "$dir/abi/lib.abi" "$work/before.abi"
	if [ "$verdict" = accept ]; then
		compile "$dir" check || { cat "$dir/compile.log" >&2; fail "$name: the compile failed"; }
		[ ! -s "$dir/compile.log" ] || { cat "$dir/compile.log" >&2; fail "$name: the compile reported something"; }
		link "$dir"
		expect_status 0 "$abiguard" check --baseline "$dir/abi/lib.abi" \
			--version-script "$dir/lib.map" "$dir/build/libfix.so.1"
		expect_status 0 "$abiguard" baseline update --baseline "$dir/abi/lib.abi" \
			--version-script "$dir/lib.map" "$dir/build/libfix.so.1"
		return
	fi
	! compile "$dir" check || fail "$name: the compile did not fail"
	grep -q "^include/fix.h:.*: error: .*\[released-type-changed\]" "$dir/compile.log" ||
		{ cat "$dir/compile.log" >&2; fail "$name: no error at the declaration"; }
	grep -q "note: .*\[$kind\]" "$dir/compile.log" ||
		{ cat "$dir/compile.log" >&2; fail "$name: the compile does not name [$kind]"; }
	# the objects of the build that would have been, for the post-link steps
	compile "$dir" record >/dev/null 2>&1 || true
	link "$dir"
	expect_status 1 "$abiguard" check --baseline "$dir/abi/lib.abi" \
		--version-script "$dir/lib.map" "$dir/build/libfix.so.1"
	grep -q "\[$kind\]" "$work/out" || fail "$name: check does not name [$kind]"
	expect_status 1 "$abiguard" baseline update --baseline "$dir/abi/lib.abi" \
		--version-script "$dir/lib.map" "$dir/build/libfix.so.1"
	grep -q "\[$kind\]" "$work/out" || fail "$name: the refusal does not name [$kind]"
	cmp -s "$work/before.abi" "$dir/abi/lib.abi" || fail "$name: the refused update touched the baseline"
}

judge none.growable-annotation accept -
judge none.opaque-annotation accept -
judge none.append-only accept -
judge none.reserved accept -
judge field-type-changed.growable-annotation refuse field-type-changed
judge annotation-removed refuse annotation-removed
judge annotation-added refuse annotation-added
echo PASS
