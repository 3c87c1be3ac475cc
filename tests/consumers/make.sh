#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A plain-Make consumer (examples/consumers/make/Makefile) against an
# installed prefix, found through pkg-config; then the commands of the CI
# recipes in examples/ci/, exactly as they are written there.
source "$(dirname "$0")/lib.bash"

configure() { :; }
build() { make -C "$1"; }
check() { make -C "$1" check; }
baseline() { make -C "$1" abi-baseline; }
objects() { echo "$1/build/foo.o"; }
map_in_rules=1 # the Makefile's object rule names the map

p=$(new_project make make)
run_consumer "$p"

# The recipes' commands, each where its job runs it: the nightly job's
# bootstraps the first baseline, the pull-request check passes on a clean
# build and reports a broken map in SARIF, and the release step freezes
# the node the fix opened.
step "the CI recipes' commands"
recipe_commands=$work/ci-commands
python3 "$root/tests/consumers/ci-recipes.py" commands "$root/examples/ci" >"$recipe_commands"
[ -s "$recipe_commands" ] || fail "no abiguard commands in the CI recipes"
ci=$(new_project ci make)
mkdir -p "$ci/abi"
run_recipe() { # pattern status
	local cmd ran=0 status
	while IFS= read -r cmd; do
		[[ $cmd == $1 ]] || continue
		status=0
		(cd "$ci" && bash -c "$cmd") >"$work/out" 2>&1 || status=$?
		[ "$status" = "$2" ] || { cat "$work/out" >&2; fail "'$cmd' exited $status, want $2"; }
		ran=1
	done <"$recipe_commands"
	[ "$ran" = 1 ] || fail "no recipe command matches '$1'"
}
sarif_results() { # -> rule ids of abiguard.sarif, after checking its shape
	python3 - "$ci/abiguard.sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log.get("version")
for run in log["runs"]:
    for result in run.get("results", []):
        print(result["ruleId"])
PY
}
run_recipe "ABIGUARD_OPTIONS=mode=record make" 0
run_recipe "abiguard baseline update *" 0
[ -s "$ci/abi/libfoo.so.1.abi" ] && grep -q "abi/libfoo.so.1.abi" "$ci/abi-report.md" ||
	fail "the nightly commands wrote no baseline or no report"
expect_ok make -C "$ci"
run_recipe "abiguard check --format=sarif *" 0
[ -z "$(sarif_results)" ] || fail "findings in the SARIF of a clean build"
patch --quiet -p1 -d "$ci" <"$patches/typo.patch"
expect_ok make -C "$ci"
run_recipe "abiguard check --format=sarif *" 1
sarif_results | grep -qx version-script-names-undefined ||
	fail "the SARIF of a broken map does not carry the finding"
patch --quiet -R -p1 -d "$ci" <"$patches/typo.patch"
patch --quiet -p1 -d "$ci" <"$patches/fix.patch"
run_recipe "ABIGUARD_OPTIONS=mode=record make" 0
run_recipe "abiguard baseline update *" 0
grep -q "^node FOO_1.2 open" "$ci/abi/libfoo.so.1.abi" || fail "the fix's node was not added open"
run_recipe "abiguard baseline release *" 0
grep -q "^node FOO_1.2 released" "$ci/abi/libfoo.so.1.abi" || fail "the release step did not freeze FOO_1.2"
# Every command of the recipes ran above.
while IFS= read -r cmd; do
	case $cmd in
	"ABIGUARD_OPTIONS=mode=record make" | "abiguard baseline update "* | \
		"abiguard check --format=sarif "* | "abiguard baseline release "*) ;;
	*) fail "the recipes run '$cmd', which this test does not exercise" ;;
	esac
done <"$recipe_commands"
echo PASS
