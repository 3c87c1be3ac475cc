#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `abiguard lint` as editors and CI run it: exit statuses, the build's
# options and the command line's, GCC-only flags in the database, a header
# without a compile command of its own, broken code, SARIF.
#
#   lint-cli.sh EXAMPLE_DIR ABIGUARD
source "$(dirname "$0")/lib.bash"
example=$1 abiguard=$2
case_dir=$(cd "$(dirname "$0")/../e2e/cases/param-type-changed" && pwd)
rule=released-signature-changed

cp -r "$example" "$work/lib"
cd "$work/lib"
rm -rf build
mkdir build
patch --quiet -p1 <"$case_dir/bad.patch"
# GCC's flags as a GCC build records them, some unknown to Clang.
compile_commands "$PWD" build/compile_commands.json \
	gcc -O2 -fconserve-stack -mindirect-branch=thunk-extern -Iinclude \
	-fplugin=abiguard -fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
	-fplugin-arg-abiguard-version-script=demo.map \
	-fplugin-arg-abiguard-public=include

expect() { # status args...
	local want=$1 status=0
	shift
	"$abiguard" lint "$@" >"$work/out" 2>"$work/err" || status=$?
	[ "$status" = "$want" ] || {
		cat "$work/out" "$work/err" >&2
		fail "lint $* exited $status, want $want"
	}
}

expect 2 src/demo.c
grep -q -- "-p BUILD_DIR" "$work/err" || fail "missing -p not explained"
expect 2 -p "$work/nowhere" src/demo.c
grep -q "nowhere/compile_commands.json" "$work/err" || fail "missing database not named"
expect 2 -p build --bogus 1
grep -q "unknown option '--bogus'" "$work/err" || fail "unknown option not named"
expect 2 -p build src/missing.c

# The build's baseline (from its plugin arguments): the break is found,
# once per unit, from any working directory.
expect 1 -p build src/demo.c
grep -q "^include/demo.h:38:9: error: .*\[$rule\]$" "$work/out" || fail "break not reported"
[ ! -s "$work/err" ] || { cat "$work/err" >&2; fail "GCC-only flags were not dropped quietly"; }
(cd / && "$abiguard" lint -p "$work/lib/build" "$work/lib/src/log.c") >"$work/out" &&
	fail "lint from another directory missed the break"
grep -q "\[$rule\]" "$work/out" || fail "lint from another directory: no finding"

# A header being edited borrows the flags of a unit.
expect 1 -p build include/demo.h
grep -q "^include/demo.h:38:9: error: .*\[$rule\]$" "$work/out" || fail "header not checked"

# The command line wins over the build: a baseline that has the new
# signature makes the unit clean; --severity turns the rule into a warning.
sed 's/void \*, size_t)/void *, unsigned int)/' abi/libdemo.so.1.abi >"$work/new.abi"
expect 0 -p build --baseline "$work/new.abi" src/demo.c
[ ! -s "$work/out" ] || { cat "$work/out" >&2; fail "--baseline did not override the build's"; }
expect 0 -p build --severity "$rule=warning" src/demo.c
grep -q "warning: .*\[$rule\]" "$work/out" || fail "--severity not applied"

# SARIF for CI.
expect 1 -p build --format=sarif src/demo.c
grep -q "\"ruleId\": \"$rule\"" "$work/out" || fail "no SARIF result"

# Code that does not compile: Clang's errors, as clang-tidy shows them.
echo 'int broken(' >>src/log.c
expect 1 -p build src/log.c
grep -q "^src/log.c:[0-9]*:[0-9]*: error: .*\[clang-diagnostic-error\]$" "$work/out" ||
	fail "compiler errors not reported"
# Without its helper (a build without the Clang front ends), `lint` says
# what is missing and exits 2.
mkdir "$work/alone"
cp "$abiguard" "$work/alone/abiguard"
status=0
"$work/alone/abiguard" lint -p build src/demo.c >"$work/out" 2>"$work/err" || status=$?
[ "$status" = 2 ] || fail "lint without its helper exited $status, want 2"
grep -q "cannot find the lint helper 'abiguard-lint'" "$work/err" ||
	{ cat "$work/err" >&2; fail "lint without its helper: no clear error"; }
echo "PASS: lint command line"
