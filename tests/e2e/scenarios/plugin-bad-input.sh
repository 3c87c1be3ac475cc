#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bad input to the plugin is a clear compiler error naming the file and
# line (or the option), never a crash and never a silent pass.
source "$(dirname "$0")/lib.bash"

dir=$(copy_example lib)
cd "$dir"
compile() {
	gcc -fdiagnostics-plain-output -Iinclude -fplugin="$plugin" "$@" -c src/demo.c -o "$work/demo.o"
}

expect_status 1 compile -fplugin-arg-abiguard-bogus=1
grep -q "error: abiguard: unknown option '-fplugin-arg-abiguard-bogus'" "$work/out" || fail "unknown key not named"

expect_status 1 compile -fplugin-arg-abiguard-mode=sometimes
grep -q "option '-fplugin-arg-abiguard-mode' must be check, record or off, not 'sometimes'" "$work/out" || fail "bad mode value not explained"

printf 'abiguard-baseline 1\nsoname libdemo.so.1\nthis is not a fact\n' >"$work/broken.abi"
expect_status 1 compile -fplugin-arg-abiguard-baseline="$work/broken.abi"
grep -q "broken.abi:3: unknown keyword 'this'" "$work/out" || fail "malformed baseline not reported with its line"

printf 'DEMO_1.0 {\n\tglobal: demo_open\n' >"$work/broken.map"
expect_status 1 compile -fplugin-arg-abiguard-version-script="$work/broken.map"
grep -q "broken.map:2: expected ';' after 'demo_open'" "$work/out" || fail "malformed version script not reported with its line"

expect_status 1 compile -fplugin-arg-abiguard-baseline="$work/missing.abi"
grep -q "missing.abi: cannot open" "$work/out" || fail "missing baseline not reported"

# Switched off from the environment, as CI would: the same bad file passes.
ABIGUARD_OPTIONS="mode=off" expect_status 0 compile -fplugin-arg-abiguard-baseline="$work/broken.abi"
echo PASS
