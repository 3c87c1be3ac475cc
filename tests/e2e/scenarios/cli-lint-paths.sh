#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# abiguard lint names files as the directory it runs in sees them, so that
# an editor or terminal there can open them: relative below that
# directory, absolute elsewhere (as clang-tidy does with the absolute paths
# CMake and Meson write into compile_commands.json), whatever the project
# root. Needs the Clang front ends.
source "$(dirname "$0")/lib.bash"
if ! "$abiguard" lint --help >/dev/null 2>&1; then
	echo "abiguard lint not built: nothing to test"
	exit 0
fi

dir=$(copy_example lib)
patch --quiet -p1 -d "$dir" <"$(dirname "$0")/../cases/param-type-changed/bad.patch"
mkdir "$dir/build"
cat >"$dir/build/compile_commands.json" <<JSON
[{"directory": "$dir", "file": "$dir/src/demo.c",
  "arguments": ["gcc", "-fPIC", "-Iinclude", "-fplugin=abiguard",
    "-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi",
    "-fplugin-arg-abiguard-version-script=demo.map",
    "-fplugin-arg-abiguard-public=include", "-c", "src/demo.c"]}]
JSON

# lint_from DIR ARGS...: the first line of lint's output run in DIR
lint_from() {
	local here=$1 status=0
	shift
	(cd "$here" && "$abiguard" lint "$@") >"$work/lint.out" 2>&1 || status=$?
	[ "$status" = 1 ] || { cat "$work/lint.out" >&2; fail "lint in $here exited $status"; }
	head -n1 "$work/lint.out"
}
want="signature of 'demo_read' changed"

line=$(lint_from "$dir" -p build src/demo.c)
[[ $line == "include/demo.h:38:9: error: $want"* ]] ||
	fail "from the project root: $line"
line=$(lint_from "$dir/include" -p ../build ../src/demo.c)
[[ $line == "demo.h:38:9: error: $want"* ]] || fail "from include/: $line"
line=$(lint_from "$work" -p lib/build lib/src/demo.c)
[[ $line == "lib/include/demo.h:38:9: error: $want"* ]] ||
	fail "from above the project: $line"
# From a sibling directory the header is not below: absolute.
line=$(lint_from "$dir/src" -p ../build demo.c)
[[ $line == "$dir/include/demo.h:38:9: error: $want"* ]] ||
	fail "from src/: $line"
# Every note of the finding follows the same convention.
grep -v "^$dir/include/demo.h:38:9: " "$work/lint.out" | grep -q . &&
	fail "a line of the finding kept another path: $(cat "$work/lint.out")"
# The headers once (no FILE): the same.
line=$(lint_from "$dir/include" -p ../build)
[[ $line == "demo.h:38:9: error: $want"* ]] || fail "headers from include/: $line"
# lint takes the output options of every command: colour, verbose.
(cd "$dir" && "$abiguard" lint --color=always -p build src/demo.c) \
	>"$work/color.out" 2>&1 || true
grep -qF $'\033[01;31m\033[Kerror:' "$work/color.out" || fail "lint --color=always"
(cd "$dir" && "$abiguard" lint --verbose -p build src/demo.c) \
	>"$work/v.out" 2>"$work/v.err" || true
grep -q "^abiguard: $dir/src/demo.c: baseline abi/libdemo.so.1.abi, version script demo.map, root $dir" \
	"$work/v.err" || fail "lint --verbose: $(cat "$work/v.err")"
expect_status 2 bash -c "cd '$dir' && '$abiguard' lint -p build --severity symbol-remved=off src/demo.c"
grep -q "did you mean 'symbol-removed'?" "$work/out" || fail "lint --severity typo"
echo PASS
