#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Clang plugin's own behaviour: its arguments (bad ones are compiler
# errors that name them), mode=off, __ABIGUARD__, the summary in the object
# (also through LTO) or in a sidecar under -fsyntax-only, and warning levels
# under -Werror and -w, which Clang does not apply to plugin diagnostics.
#
#   clang-plugin.sh EXAMPLE_DIR ABIGUARD CLANG_PLUGIN
source "$(dirname "$0")/lib.bash"
example=$1 abiguard=$2 plugin=$3
case_dir=$(cd "$(dirname "$0")/../e2e/cases/param-type-changed" && pwd)
rule=released-signature-changed

cp -r "$example" "$work/lib"
rm -rf "$work/lib/build"
cd "$work/lib"

cc() { # compile src/demo.c with the plugin; output in $work/out
	clang -fno-caret-diagnostics -fno-color-diagnostics -Iinclude \
		-fplugin="$plugin" -fplugin-arg-abiguard-public=include \
		-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
		-fplugin-arg-abiguard-version-script=demo.map "$@" \
		>"$work/out" 2>&1
}

expect() { # status cc-args...
	local want=$1 status=0
	shift
	cc "$@" || status=$?
	[ "$status" = "$want" ] || { cat "$work/out" >&2; fail "clang $* exited $status, want $want"; }
}

# Arguments.
expect 1 -fplugin-arg-abiguard-bogus=1 -c src/demo.c -o "$work/x.o"
grep -q "error: abiguard: unknown option '-fplugin-arg-abiguard-bogus'" "$work/out" ||
	fail "unknown key not named"
expect 1 -fplugin-arg-abiguard-mode=sometimes -c src/demo.c -o "$work/x.o"
grep -q "option '-fplugin-arg-abiguard-mode' must be check, record or off, not 'sometimes'" "$work/out" ||
	fail "bad mode value not explained"
printf 'abiguard-baseline 1\nsoname libdemo.so.1\nthis is not a fact\n' >"$work/broken.abi"
expect 1 -fplugin-arg-abiguard-baseline="$work/broken.abi" -c src/demo.c -o "$work/x.o"
grep -q "broken.abi:3: unknown keyword 'this'" "$work/out" ||
	fail "malformed baseline not reported with its line"
ABIGUARD_OPTIONS="mode=off" expect 0 -fplugin-arg-abiguard-baseline="$work/broken.abi" \
	-c src/demo.c -o "$work/x.o"

# __ABIGUARD__ with the plugin on, not with mode=off.
printf '#ifndef __ABIGUARD__\n#error no __ABIGUARD__\n#endif\n' >"$work/probe.c"
expect 0 -c "$work/probe.c" -o "$work/probe.o"
expect 1 -fplugin-arg-abiguard-mode=off -c "$work/probe.c" -o "$work/probe.o"

# The summary: in the object, in an LTO link, in a sidecar.
expect 0 -O2 -fPIC -c src/demo.c -o "$work/demo.o"
note_payload "$work/demo.o" >"$work/demo.summary"
grep -q '^abiguard-summary ' "$work/demo.summary" || fail "no summary in the object"
expect 0 -fplugin-arg-abiguard-sidecar="$work/demo.sidecar" -fsyntax-only src/demo.c
cmp -s "$work/demo.summary" "$work/demo.sidecar" ||
	fail "the -fsyntax-only sidecar differs from the object's summary"
expect 0 -O2 -fPIC -flto -c src/demo.c -o "$work/lto.o"
clang -flto -shared -o "$work/liblto.so" "$work/lto.o" -Wl,--version-script=demo.map ||
	fail "LTO link"
readelf -n "$work/liblto.so" >"$work/lto.notes"
grep -q ABIGUARD "$work/lto.notes" || fail "no note after an LTO link"

# Levels: an error fails the compile; a warning does only under -Werror,
# and says nothing under -w.
patch --quiet -p1 <"$case_dir/bad.patch"
expect 1 -c src/demo.c -o "$work/x.o"
grep -q "include/demo.h:38:9: error: .*\[$rule\]" "$work/out" || fail "no error at the declaration"
warn=-fplugin-arg-abiguard-severity=$rule=warning
expect 0 "$warn" -c src/demo.c -o "$work/x.o"
grep -q "include/demo.h:38:9: warning: .*\[$rule\]" "$work/out" || fail "no warning"
expect 1 "$warn" -Werror -c src/demo.c -o "$work/x.o"
grep -q "include/demo.h:38:9: error: .*\[$rule\]" "$work/out" || fail "-Werror did not promote"
expect 0 "$warn" -w -c src/demo.c -o "$work/x.o"
[ ! -s "$work/out" ] || { cat "$work/out" >&2; fail "-w did not silence"; }
echo "PASS: Clang plugin arguments, modes, summary and levels"
