#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Exit codes scripts cannot misread: 0 clean, 1 violations, 2 usage or I/O.
source "$(dirname "$0")/lib.bash"

dir=$(copy_example lib)
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" >/dev/null
lib=$dir/build/libdemo.so.1
args=(--baseline "$dir/abi/libdemo.so.1.abi" --version-script "$dir/demo.map")

expect_status 0 "$abiguard" check "${args[@]}" "$lib"
expect_status 2 "$abiguard" check "${args[@]}" "$work/nonexistent.so"
grep -q "nonexistent.so: error: cannot open" "$work/out" || fail "missing library not named"
expect_status 2 "$abiguard" check "${args[@]}" "$dir/demo.map"
grep -q "demo.map: error: not an ELF file" "$work/out" || fail "non-ELF input not explained"
expect_status 2 "$abiguard" check --no-such-option x "$lib"
expect_status 2 "$abiguard" check --format=xml "${args[@]}" "$lib"
expect_status 2 "$abiguard" frobnicate
expect_status 2 "$abiguard" explain no-such-rule
expect_status 0 "$abiguard" explain released-signature-changed
grep -q "Required action" "$work/out" || fail "explain text incomplete"

# A baseline that names a symbol the library lost: violations, exit 1, in
# every output format.
sed 's/^func demo_close@@DEMO_1.0 .*/&\nfunc demo_gone@@DEMO_1.0 void (void)/' \
	"$dir/abi/libdemo.so.1.abi" >"$work/lost.abi"
expect_status 1 "$abiguard" check --baseline "$work/lost.abi" "$lib"
grep -q "'demo_gone@@DEMO_1.0' was removed but the soname 'libdemo.so.1' did not change \[symbol-removed\]" \
	"$work/out" || fail "removed symbol not reported"
expect_status 1 "$abiguard" check --format=json --baseline "$work/lost.abi" "$lib"
grep -q '"rule": "symbol-removed"' "$work/out" || fail "JSON output lacks the finding"
expect_status 1 "$abiguard" check --format=sarif --baseline "$work/lost.abi" "$lib"
grep -q '"ruleId": "symbol-removed"' "$work/out" || fail "SARIF output lacks the finding"
grep -q '"version": "2.1.0"' "$work/out" || fail "SARIF version missing"
# Change kinds in every format: a baseline whose field has another name is
# a field the build renamed (source-only: a warning, exit 0); one whose
# field is narrower is a field whose type changed (binary: exit 1).
sed 's/^struct demo_info field 64 size uint64_t$/struct demo_info field 64 length uint64_t/' \
	"$dir/abi/libdemo.so.1.abi" >"$work/renamed.abi"
expect_status 0 "$abiguard" check --baseline "$work/renamed.abi" "$lib"
grep -q "warning: .* \[released-type-changed\]$" "$work/out" || fail "rename not a warning"
grep -q "note: field 'length' was renamed to 'size' (same offset and type) \[field-renamed\]$" \
	"$work/out" || fail "rename note lacks its kind"
expect_status 0 "$abiguard" check --format=json --baseline "$work/renamed.abi" "$lib"
[ "$(jq -c '.findings[0] | [.changeKinds, .changeClasses, .notes[0].changeKind]' "$work/out")" = \
	'[["field-renamed"],["source-only"],"field-renamed"]' ] ||
	fail "JSON output lacks the change kind"
sed 's/^struct demo_info field 32 flags uint32_t$/struct demo_info field 32 flags uint16_t/' \
	"$dir/abi/libdemo.so.1.abi" >"$work/retyped.abi"
expect_status 1 "$abiguard" check --format=sarif --baseline "$work/retyped.abi" "$lib"
[ "$(jq -c '.runs[0].results[0].properties' "$work/out")" = \
	'{"changeClasses":["binary"],"changeKinds":["field-type-changed"]}' ] ||
	fail "SARIF result lacks properties.changeKinds"
# diff: two baselines, or a baseline and a build, judged by the same rules.
expect_status 0 "$abiguard" diff "$dir/abi/libdemo.so.1.abi" "$lib"
expect_status 1 "$abiguard" diff "$work/lost.abi" "$dir/abi/libdemo.so.1.abi"
grep -q "'demo_gone@@DEMO_1.0' was removed" "$work/out" || fail "diff missed the removal"
expect_status 2 "$abiguard" diff "$work/lost.abi"
expect_status 2 "$abiguard" diff "$work/lost.abi" "$work/nonexistent.abi"

# A library without summaries (the note removed, as for an installed copy):
# check says what it cannot see, and fails, since the baseline records
# types it cannot check; update refuses and leaves the baseline be.
objcopy --remove-section=.note.abiguard "$lib" "$work/bare.so"
expect_status 1 "$abiguard" check "${args[@]}" "$work/bare.so"
grep -q "bare.so: warning: no ABI summaries (.note.abiguard): built without the plugin, or the note was removed; only symbols and version nodes are checked" \
	"$work/out" || fail "a library without summaries passed silently"
grep -q "error: the library carries no abiguard summary.*\[symbol-type-unknown\]" \
	"$work/out" || fail "a library without summaries passed check"
cp "$dir/abi/libdemo.so.1.abi" "$work/kept.abi"
expect_status 2 "$abiguard" baseline update --baseline "$work/kept.abi" "$work/bare.so"
grep -q "bare.so: error: no ABI summaries" "$work/out" || fail "update without summaries not explained"
cmp -s "$work/kept.abi" "$dir/abi/libdemo.so.1.abi" || fail "update without summaries touched the baseline"
echo PASS
