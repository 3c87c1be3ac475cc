#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The clang-tidy module, run as its users run it:
#   clang-tidy-14 --load=abiguard-tidy.so --checks='-*,abiguard-*' -p build FILE
# on the example library with demo_read's length changed, built (per its
# compilation database) by gcc with the GCC plugin.
#
#   tidy.sh EXAMPLE_DIR ABIGUARD CLANG_TIDY TIDY_MODULE EXPECTED_DIR
#
# - the output is EXPECTED_DIR/released-signature-changed.expected, exactly,
#   and clang-tidy exits 1 (the finding is an error);
# - its findings are those of `abiguard lint -p build FILE`;
# - a header being edited is checked too;
# - NOLINTNEXTLINE(abiguard-RULE) silences it, in clang-tidy and in lint;
# - .clang-tidy CheckOptions abiguard.KEY set the plugin's options, over the
#   build's; an unknown key is an error that names it;
# - without CheckOptions, the compile command's -fplugin-arg-abiguard-*
#   options are the ones used (baseline, version script, public headers),
#   and its -fplugin= (a GCC plugin) does not disturb clang-tidy.
source "$(dirname "$0")/lib.bash"
example=$1 abiguard=$2 clang_tidy=$3 module=$4 expected=$5
case_dir=$(cd "$(dirname "$0")/../e2e/cases/param-type-changed" && pwd)
rule=released-signature-changed

cp -r "$example" "$work/lib"
cd "$work/lib"
rm -rf build
mkdir build
patch --quiet -p1 <"$case_dir/bad.patch"
compile_commands "$PWD" build/compile_commands.json \
	gcc -O2 -Wall -Iinclude -fplugin=abiguard \
	-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
	-fplugin-arg-abiguard-version-script=demo.map \
	-fplugin-arg-abiguard-public=include

# run WANT_STATUS FILE ARGS...: clang-tidy's stdout in $work/out
run() {
	local want=$1 file=$2 status=0
	shift 2
	"$clang_tidy" --load="$module" --checks='-*,abiguard-*' "$@" \
		-p build "$file" >"$work/out" 2>"$work/err" || status=$?
	[ "$status" = "$want" ] || {
		cat "$work/out" "$work/err" >&2
		fail "clang-tidy $* $file exited $status, want $want"
	}
}

run 1 src/demo.c
diff -u "$expected/$rule.expected" "$work/out" ||
	fail "clang-tidy's output differs from $rule.expected"
findings "$PWD" <"$work/out" >"$work/tidy.findings"
"$abiguard" lint -p build src/demo.c | findings "$PWD" >"$work/lint.findings" || true
diff -u "$work/lint.findings" "$work/tidy.findings" ||
	fail "clang-tidy and lint find different things"

run 1 include/demo.h
findings "$PWD" <"$work/out" | grep -q "^include/demo.h:38:9: error: .*\[$rule\]$" ||
	fail "a public header given to clang-tidy is not checked"

cp include/demo.h "$work/demo.h.orig"
sed -i "/^ssize_t demo_read(/i // NOLINTNEXTLINE(abiguard-$rule): lengths never exceed 4 GiB" \
	include/demo.h
run 0 src/demo.c
[ ! -s "$work/out" ] || { cat "$work/out" >&2; fail "NOLINTNEXTLINE did not silence clang-tidy"; }
"$abiguard" lint -p build src/demo.c >"$work/out" ||
	{ cat "$work/out" >&2; fail "NOLINTNEXTLINE did not silence lint"; }
cp "$work/demo.h.orig" include/demo.h

# A warning in a header shows only through the header filter, as for any
# check (errors always show).
cat >.clang-tidy <<'YAML'
HeaderFilterRegex: 'include/'
CheckOptions:
  - key: abiguard.severity
    value: released-signature-changed=warning
YAML
run 0 src/demo.c
grep -q "^include/demo.h:38:9: warning: .*\[abiguard-$rule\]$" "$work/out" ||
	fail "CheckOptions abiguard.severity not applied"

sed 's/void \*, size_t)/void *, unsigned int)/' abi/libdemo.so.1.abi >abi/new.abi
cat >.clang-tidy <<'YAML'
CheckOptions:
  - key: abiguard.baseline
    value: abi/new.abi
YAML
run 0 src/demo.c
[ ! -s "$work/out" ] || { cat "$work/out" >&2; fail "CheckOptions abiguard.baseline did not override the build's"; }

cat >.clang-tidy <<'YAML'
CheckOptions:
  - key: abiguard.bogus
    value: 1
YAML
run 1 src/demo.c
grep -q "bogus" "$work/out" || { cat "$work/out" >&2; fail "unknown CheckOptions key not named"; }
rm .clang-tidy
echo "PASS: the clang-tidy module"
