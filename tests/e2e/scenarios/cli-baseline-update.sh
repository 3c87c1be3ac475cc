#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# baseline update: --exit-code tells "changed" (3) from "up to date" (0),
# --report-md is written in both cases, a missing abi/ directory is made,
# --quiet keeps stdout for findings; release --exit-code alike.
source "$(dirname "$0")/lib.bash"

dir=$(copy_example lib)
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" \
	ABIGUARD_MODE=record >/dev/null
lib=$dir/build/libdemo.so.1
fresh=$work/new/abi/libdemo.so.1.abi # neither new/ nor abi/ exists

# A first baseline bootstraps without mkdir.
expect_status 0 "$abiguard" baseline update --baseline "$fresh" \
	--version-script "$dir/demo.map" "$lib"
[ -s "$fresh" ] || fail "the first baseline was not written"
grep -q "written: " "$work/out" || fail "first baseline not reported"
cmp -s "$fresh" "$dir/abi/libdemo.so.1.abi" ||
	fail "the bootstrapped baseline differs from the committed one"

# Without --exit-code, up to date and changed both exit 0 (as before).
expect_status 0 "$abiguard" baseline update --baseline "$fresh" \
	--version-script "$dir/demo.map" "$lib"
grep -q "is up to date" "$work/out" || fail "up to date not said"

# --exit-code: 0 up to date, with the report written anyway.
mkdir "$work/reports"
report=$work/reports/nightly.md
expect_status 0 "$abiguard" baseline update --exit-code --baseline "$fresh" \
	--version-script "$dir/demo.map" --report-md "$report" "$lib"
grep -q "up to date, nothing changed" "$report" ||
	fail "no report when up to date: $(cat "$report" 2>&1)"
# A stale report from an earlier run is replaced, not left behind.
echo stale >"$report"
expect_status 0 "$abiguard" baseline update --exit-code --baseline "$fresh" \
	--version-script "$dir/demo.map" --report-md "$report" "$lib"
grep -q stale "$report" && fail "the old report was left in place"

# A change: demo_flush added in a new node DEMO_1.2 (the policy allows
# it). Exit 3, the report lists it, the file is rewritten.
cp "$fresh" "$work/before.abi"
patch --quiet -p1 -d "$dir" \
	<"$(dirname "$0")/../cases/function-added-to-released-node/good.patch"
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" \
	ABIGUARD_MODE=record >/dev/null
expect_status 3 "$abiguard" baseline update --exit-code --baseline "$fresh" \
	--version-script "$dir/demo.map" --report-md "$report" "$lib"
grep -q "^+ func demo_flush@@DEMO_1.2" "$work/out" || fail "change not listed"
grep -q "^+ func demo_flush@@DEMO_1.2" "$report" || fail "change not in the report"
grep -q "^func demo_flush@@DEMO_1.2" "$fresh" || fail "baseline not rewritten"
expect_status 0 "$abiguard" baseline update --exit-code --baseline "$fresh" \
	--version-script "$dir/demo.map" "$lib"

# --quiet: nothing on stdout, the same exit status.
cp "$work/before.abi" "$fresh"
status=0
"$abiguard" baseline update --quiet --exit-code --baseline "$fresh" \
	--version-script "$dir/demo.map" "$lib" >"$work/q.out" 2>&1 || status=$?
[ "$status" = 3 ] || fail "--quiet changed the exit status ($status)"
[ ! -s "$work/q.out" ] || fail "--quiet printed: $(cat "$work/q.out")"

# --verbose says what was read, on stderr; stdout is as without it.
"$abiguard" baseline update --verbose --baseline "$fresh" \
	--version-script "$dir/demo.map" "$lib" >"$work/v.out" 2>"$work/v.err"
grep -q "abiguard: library $lib: soname libdemo.so.1, [0-9]* exported symbols, [0-9]* version nodes, 2 unit summaries" \
	"$work/v.err" || fail "--verbose did not describe the library: $(cat "$work/v.err")"
grep -q "abiguard: baseline $fresh: [0-9]* symbols" "$work/v.err" ||
	fail "--verbose did not describe the baseline"
grep -q "abiguard: version script $dir/demo.map" "$work/v.err" ||
	fail "--verbose did not name the version script"
grep -q "is up to date" "$work/v.out" || fail "--verbose changed stdout"

# A policy break stays 1 with --exit-code (never mistaken for "changed").
sed 's/^func demo_close@@DEMO_1.0 .*/&\nfunc demo_gone@@DEMO_1.0 void (void)/' \
	"$fresh" >"$work/lost.abi"
cp "$work/lost.abi" "$work/lost.kept"
expect_status 1 "$abiguard" baseline update --exit-code \
	--baseline "$work/lost.abi" --version-script "$dir/demo.map" \
	--report-md "$report" "$lib"
cmp -s "$work/lost.abi" "$work/lost.kept" || fail "a refused update wrote the baseline"
# ... and the report says so, with the findings.
grep -q "not updated, the build breaks the policy (1 error)" "$report" ||
	fail "refused update: no report: $(cat "$report")"
grep -q "'demo_gone@@DEMO_1.0' was removed.*\[symbol-removed\]" "$report" ||
	fail "refused update: the report lacks the finding"

# release --exit-code: 3 when it froze DEMO_1.2 (added open), then 0.
grep -q '^node DEMO_1.2 open' "$fresh" || fail "DEMO_1.2 was not added open"
expect_status 3 "$abiguard" baseline release --exit-code --baseline "$fresh"
grep -q '^node DEMO_1.2 released' "$fresh" || fail "release did not freeze DEMO_1.2"
expect_status 0 "$abiguard" baseline release --exit-code --baseline "$fresh"
echo PASS
