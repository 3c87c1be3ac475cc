# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the build-system tests: arguments, a scratch directory, the
# example library with a layout break, and the two baselines it is checked
# against: one recorded from the broken sources (the build passes) and the
# committed one (the build must fail).
set -euo pipefail
# Arguments: the example library, abiguard, the GCC plugin, the Clang
# plugin ("" when not built), the compiler to test (gcc or clang-14).
example=$1 abiguard=$2 gcc_plugin=$3 clang_plugin=${4-} cc=${5:-gcc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*"
	exit 77
}

# expect_status WANT CMD... : run CMD, compare its exit status; output in
# $work/out.
expect_status() {
	local want=$1 status=0
	shift
	"$@" >"$work/out" 2>&1 || status=$?
	[ "$status" = "$want" ] || { cat "$work/out" >&2; fail "'$*' exited $status, want $want"; }
}

# expect_output TEXT WHY: $work/out contains TEXT (a fixed string).
expect_output() {
	grep -qF -- "$1" "$work/out" || { cat "$work/out" >&2; fail "$2"; }
}

# The example in $work/lib, 'struct demo_info' grown at its start, and
# $accepting (a baseline recorded from these sources) and $original (the
# committed one, which the change breaks). $lib/abi/libdemo.so.1.abi is
# what the builds read.
lib=$work/lib
baseline=$lib/abi/libdemo.so.1.abi
accepting=$work/accepting.abi
original=$work/original.abi
prepare_library() {
	cp -r "$example" "$lib"
	rm -rf "$lib/build"
	sed -i 's/^struct demo_info {/&\n\tlong grown;/' "$lib/include/demo.h"
	grep -q 'long grown;' "$lib/include/demo.h" || fail "the break was not applied"
	cp "$baseline" "$original"
	make --no-print-directory -C "$lib" ABIGUARD_PLUGIN="$gcc_plugin" \
		ABIGUARD_MODE=record BUILD="$work/record" >/dev/null ||
		fail "record build"
	"$abiguard" baseline update --baseline "$accepting" \
		--version-script "$lib/demo.map" "$work/record/libdemo.so.1" \
		>/dev/null || fail "recording the accepting baseline"
	cmp -s "$accepting" "$original" && fail "the baselines do not differ"
	cp "$accepting" "$baseline"
}

# The plugin flags every build below uses, for $cc.
plugin_flags() {
	local plugin=$gcc_plugin
	[ "$cc" = gcc ] || plugin=$clang_plugin
	echo "-fplugin=$plugin -fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi" \
		"-fplugin-arg-abiguard-version-script=demo.map" \
		"-fplugin-arg-abiguard-public=include"
}

# expect_rebuilds OBJECT FAILED: after a build, for build files that know
# nothing of abiguard: a second build leaves OBJECT alone; the baseline
# refreshed to $original fails the build with status FAILED; $accepting
# passes again; editing the map or .abiguard rewrites OBJECT.
expect_rebuilds() {
	local object=$1 failed=$2 before
	before=$(stat -c %Y.%y "$object")
	expect_status 0 build
	[ "$(stat -c %Y.%y "$object")" = "$before" ] || fail "a second build recompiles"

	cp "$original" "$baseline"
	expect_status "$failed" build
	expect_output "error: 'struct demo_info' grew from 24 to 32 bytes" \
		"refreshing the baseline did not fail the build"
	cp "$accepting" "$baseline"
	expect_status 0 build

	echo "/* reviewed */" >>"$lib/demo.map"
	object_recompiles "$object" "editing the version script"
	echo "# reviewed" >>"$lib/.abiguard"
	object_recompiles "$object" "editing .abiguard"
	echo PASS
}

# object_recompiles OBJECT WHAT: the next build rewrites OBJECT.
object_recompiles() {
	local before
	before=$(stat -c %Y.%y "$1")
	expect_status 0 build
	[ "$(stat -c %Y.%y "$1")" != "$before" ] || fail "$2 did not recompile demo.c"
}
