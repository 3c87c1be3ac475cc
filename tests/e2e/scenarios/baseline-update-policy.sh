#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# baseline update refuses to rewrite a released node (exit 1, file
# untouched), accepts a correct change as a new open node, and baseline
# release freezes it.
source "$(dirname "$0")/lib.bash"
cases=$(dirname "$0")/../cases

bad=$(copy_example bad)
patch --quiet -p1 -d "$bad" <"$cases/param-type-changed/bad.patch"
make --no-print-directory -C "$bad" ABIGUARD_PLUGIN="$plugin" ABIGUARD_MODE=record >/dev/null
cp "$bad/abi/libdemo.so.1.abi" "$work/before.abi"
expect_status 1 "$abiguard" baseline update --baseline "$bad/abi/libdemo.so.1.abi" \
	--version-script "$bad/demo.map" "$bad/build/libdemo.so.1"
grep -q "\[released-signature-changed\]" "$work/out" || fail "no finding reported"
grep -q "not updated" "$work/out" || fail "refusal not explained"
cmp "$work/before.abi" "$bad/abi/libdemo.so.1.abi" || fail "refused update touched the baseline"

# An accepted break, with its reason, lets the compile and the refresh
# through; without a reason it is a usage error.
accept="released-signature-changed:demo_read:no caller passes more than 4 GiB (review 12)"
(cd "$bad" && expect_status 0 gcc -fdiagnostics-plain-output -Iinclude -fplugin="$plugin" \
	-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi -fplugin-arg-abiguard-version-script=demo.map \
	-fplugin-arg-abiguard-public=include "-fplugin-arg-abiguard-accept=$accept" -c src/demo.c -o "$work/d.o")
grep -q "note: accepted break: no caller passes more than 4 GiB (review 12)" "$work/out" ||
	fail "accepted break not shown as a note"
expect_status 2 "$abiguard" baseline update --accept "released-signature-changed:demo_read:" \
	--baseline "$bad/abi/libdemo.so.1.abi" "$bad/build/libdemo.so.1"
grep -q "needs its reason" "$work/out" || fail "accept without a reason not refused"
expect_status 0 "$abiguard" baseline update --accept "$accept" --baseline "$bad/abi/libdemo.so.1.abi" \
	--version-script "$bad/demo.map" "$bad/build/libdemo.so.1"
grep -q "^func demo_read@@DEMO_1.0 ssize_t (struct demo \*, void \*, unsigned int)$" \
	"$bad/abi/libdemo.so.1.abi" || fail "accepted break not recorded"

good=$(copy_example good)
patch --quiet -p1 -d "$good" <"$cases/param-type-changed/good.patch"
make --no-print-directory -C "$good" ABIGUARD_PLUGIN="$plugin" >/dev/null
expect_status 0 "$abiguard" baseline update --baseline "$good/abi/libdemo.so.1.abi" \
	--version-script "$good/demo.map" "$good/build/libdemo.so.1"
grep -qx "node DEMO_1.2 open parents DEMO_1.1" "$good/abi/libdemo.so.1.abi" ||
	fail "new node not recorded as open"
grep -q "^+ func demo_read@@DEMO_1.2 " "$work/out" || fail "change report lacks the new default"
grep -q "^- func demo_read@@DEMO_1.0 " "$work/out" || fail "change report lacks the old default"
grep -q "^+ func demo_read@DEMO_1.0 " "$work/out" || fail "change report lacks the compat symbol"

expect_status 0 "$abiguard" baseline release --baseline "$good/abi/libdemo.so.1.abi"
grep -qx "node DEMO_1.2 released parents DEMO_1.1" "$good/abi/libdemo.so.1.abi" ||
	fail "release did not freeze the open node"
echo PASS
