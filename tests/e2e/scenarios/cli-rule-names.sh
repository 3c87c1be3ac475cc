#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A rule name that matches no rule is an error with the nearest id, in
# --severity, --accept, ABIGUARD_OPTIONS, .abiguard (with file and line),
# the plugin's severity key and explain; a correct name still works.
source "$(dirname "$0")/lib.bash"

dir=$(copy_example lib)
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" >/dev/null
lib=$dir/build/libdemo.so.1
args=(--baseline "$dir/abi/libdemo.so.1.abi" --version-script "$dir/demo.map")
meant="did you mean 'released-type-changed'?"

expect_status 2 "$abiguard" check "${args[@]}" \
	--severity releasd-type-changed=off "$lib"
grep -q "option '--severity': no rule, change kind or class 'releasd-type-changed' ($meant" \
	"$work/out" || fail "--severity typo not explained: $(cat "$work/out")"
expect_status 2 "$abiguard" check "${args[@]}" \
	--severity=symbol-removed=warning,released-type-chaged=error "$lib"
grep -q "no rule, change kind or class 'released-type-chaged' ($meant" "$work/out" ||
	fail "second item of --severity not checked"
expect_status 2 "$abiguard" check "${args[@]}" \
	--accept "released-typ-changed:demo_info:reviewed" "$lib"
grep -q "option '--accept': no rule 'released-typ-changed' ($meant" \
	"$work/out" || fail "--accept typo not explained"
# A name far from every rule: no suggestion, still an error.
expect_status 2 "$abiguard" check "${args[@]}" --severity zzz=off "$lib"
grep -q "no rule, change kind or class 'zzz' (see 'abiguard explain --list')" "$work/out" ||
	fail "unknown rule without a suggestion not explained"
expect_status 2 env ABIGUARD_OPTIONS="severity=symbol-remved=off" \
	"$abiguard" check "${args[@]}" "$lib"
grep -q "severity in ABIGUARD_OPTIONS': no rule, change kind or class 'symbol-remved' (did you mean 'symbol-removed'?" \
	"$work/out" || fail "ABIGUARD_OPTIONS typo not explained: $(cat "$work/out")"
# .abiguard: the error names the file and the line.
printf '# settings\nseverity = symbol-unversiond=warning\n' >"$dir/.abiguard"
expect_status 2 bash -c "cd '$dir' && '$abiguard' check --baseline abi/libdemo.so.1.abi build/libdemo.so.1"
grep -q "/.abiguard:2: error: option 'severity': no rule, change kind or class 'symbol-unversiond' (did you mean 'symbol-unversioned'?" \
	"$work/out" || fail ".abiguard typo not explained: $(cat "$work/out")"
# The plugin's severity key: the compile fails and says why.
expect_status 2 make --no-print-directory -C "$dir" -B \
	ABIGUARD_PLUGIN="$plugin"
grep -q "\.abiguard:2: .*option 'severity': no rule, change kind or class 'symbol-unversiond'" \
	"$work/out" || fail "the plugin did not name the .abiguard line: $(cat "$work/out")"
rm "$dir/.abiguard"
# compile SEVERITY: the example's demo.c under the plugin, output in
# $work/cc.out, exit status echoed
compile() {
	local status=0
	(cd "$dir" && gcc -O2 -fPIC -Iinclude -fplugin="$plugin" \
		-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
		-fplugin-arg-abiguard-version-script=demo.map \
		-fplugin-arg-abiguard-public=include \
		-fplugin-arg-abiguard-severity="$1" \
		-c src/demo.c -o "$work/demo.o") >"$work/cc.out" 2>&1 || status=$?
	echo "$status"
}
[ "$(compile symbol-unversiond=warning)" != 0 ] ||
	fail "the plugin took a misspelt severity key"
grep -q "no rule, change kind or class 'symbol-unversiond' (did you mean 'symbol-unversioned'?" \
	"$work/cc.out" || fail "plugin typo not explained: $(cat "$work/cc.out")"
# Correct names work, as before.
expect_status 0 "$abiguard" check "${args[@]}" \
	--severity symbol-removed=warning,released-type-changed=error "$lib"
[ "$(compile symbol-unversioned=warning)" = 0 ] ||
	fail "a correct severity key failed the compile: $(cat "$work/cc.out")"
# The clang-tidy module's CheckOptions, when it is built beside abiguard.
module=$(dirname "$abiguard")/../clang-plugin/abiguard-tidy.so
if command -v clang-tidy-14 >/dev/null && [ -f "$module" ]; then
	mkdir -p "$dir/build"
	cat >"$dir/build/compile_commands.json" <<JSON
[{"directory": "$dir", "file": "$dir/src/demo.c",
  "arguments": ["gcc", "-fPIC", "-Iinclude",
    "-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi",
    "-fplugin-arg-abiguard-version-script=demo.map",
    "-fplugin-arg-abiguard-public=include", "-c", "src/demo.c"]}]
JSON
	(cd "$dir" && clang-tidy-14 --quiet --load="$module" \
		--checks='-*,abiguard-*' -p build \
		--config="{CheckOptions: [{key: abiguard.severity, value: 'symbol-remved=off'}]}" \
		src/demo.c) >"$work/tidy.out" 2>&1 || true
	grep -q "no rule, change kind or class 'symbol-remved' (did you mean 'symbol-removed'?" \
		"$work/tidy.out" || fail "clang-tidy took a misspelt severity: $(cat "$work/tidy.out")"
fi
# explain
expect_status 2 "$abiguard" explain released-signature-chnged
grep -q "no rule or change kind 'released-signature-chnged' (did you mean 'released-signature-changed'?" \
	"$work/out" || fail "explain typo not explained"
expect_status 0 "$abiguard" explain abiguard-symbol-removed
echo PASS
