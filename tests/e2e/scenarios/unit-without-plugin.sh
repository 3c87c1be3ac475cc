#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One unit compiled without the plugin (its own CFLAGS, say): the symbols
# it defines have no type in the library, so check cannot judge them and
# says so, and the nightly refresh refuses to drop their recorded types.
source "$(dirname "$0")/lib.bash"

dir=$(copy_example lib)
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" >/dev/null
(cd "$dir" && gcc -O2 -g -fPIC -Wall -Wextra -Iinclude -c src/demo.c -o build/demo.o) ||
	fail "compiling demo.c without the plugin"
touch "$dir/build/demo.o"
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" >/dev/null
lib=$dir/build/libdemo.so.1
baseline=$dir/abi/libdemo.so.1.abi
args=(--baseline "$baseline" --version-script "$dir/demo.map")

expect_status 1 "$abiguard" check "${args[@]}" "$lib"
line=$(grep -n '^func demo_open@@DEMO_1.1 ' "$baseline" | cut -d: -f1)
grep -qF "$baseline:$line:1: error: 'demo_open@@DEMO_1.1' is exported but no unit built with the plugin defines it, so its type cannot be checked [symbol-type-unknown]" \
	"$work/out" || { cat "$work/out" >&2; fail "unchecked symbol not reported"; }
grep -qF "note: build the unit that defines 'demo_open' with -fplugin=abiguard" \
	"$work/out" || fail "no advice"

cp "$baseline" "$work/before.abi"
expect_status 1 "$abiguard" baseline update "${args[@]}" "$lib"
grep -q "\[symbol-type-unknown\]" "$work/out" || fail "update did not say why it refused"
cmp -s "$baseline" "$work/before.abi" || fail "update dropped recorded types"

# Every unit without a summary (mode=off, or a cache that served such
# objects): a grown struct of a released node must not pass check.
make --no-print-directory -C "$dir" clean >/dev/null
sed -i 's/^struct demo_info {/&\n\tlong grown;/' "$dir/include/demo.h"
grep -q 'long grown;' "$dir/include/demo.h" || fail "the break was not applied"
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" \
	ABIGUARD_MODE=off >/dev/null || fail "mode=off build failed"
expect_status 1 "$abiguard" check "${args[@]}" "$lib"
grep -q "error: the library carries no abiguard summary, so the types the baseline records for '[a-z_]*' and [0-9]* more exported symbols cannot be checked \[symbol-type-unknown\]" \
	"$work/out" || { cat "$work/out" >&2; fail "a library without summaries passed check"; }
expect_status 2 "$abiguard" baseline update "${args[@]}" "$lib"
grep -q "no ABI summaries" "$work/out" || fail "update did not refuse"
cmp -s "$baseline" "$work/before.abi" || fail "update rewrote the baseline"
echo PASS
