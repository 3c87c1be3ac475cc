#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One end-to-end case: the example library, changed the wrong way
# (bad.patch) and the right way (good.patch), built with a real compiler
# loading the real plugin, linked with the real version script, and checked
# with the real abiguard command.
#
#   run-case.sh CASE_DIR EXAMPLE_DIR ABIGUARD PLUGIN CC
#
# bad:  the build (or, when CASE_DIR/stage says "check", the post-link
#       check) must fail, and its diagnostics must equal CASE_DIR/bad.expected
#       exactly (compiler "In file included from" context lines aside).
# good: the build must succeed with no abiguard diagnostic (or, when there
#       is a CASE_DIR/good.expected, with exactly those, which a successful
#       build makes warnings at most), and the post-link check must pass.
set -euo pipefail

case_dir=$1 example=$2 abiguard=$3 plugin=$4 cc=$5
stage=compile
[ -f "$case_dir/stage" ] && stage=$(cat "$case_dir/stage")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Stable diagnostics: no carets, colours or option hints.
case $(basename "$cc") in
clang*) plain="-fno-caret-diagnostics -fno-color-diagnostics" ;;
*) plain="-fdiagnostics-plain-output" ;;
esac

prepare() { # name patch
	local dir=$work/$1
	cp -r "$example" "$dir"
	rm -rf "$dir/build"
	patch --quiet -p1 -d "$dir" <"$2"
	echo "$dir"
}

build() { # dir -> make's status; stderr in dir/build.log
	make --no-print-directory -k -C "$1" CC="$cc" ABIGUARD="$abiguard" \
		ABIGUARD_PLUGIN="$plugin" CFLAGS="-O2 $plain" \
		>"$1/build.out" 2>"$1/build.log"
}

diagnostics() { # file
	grep -E '^[^ ].*: (error|warning|note): ' "$1" || true
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

bad=$(prepare bad "$case_dir/bad.patch")
if [ "$stage" = compile ]; then
	if build "$bad"; then
		cat "$bad/build.log" >&2
		fail "bad variant compiled"
	fi
	diagnostics "$bad/build.log" >"$work/bad.actual"
else
	build "$bad" || { cat "$bad/build.log" >&2; fail "bad variant did not build"; }
	status=0
	(cd "$bad" && "$abiguard" check --baseline abi/libdemo.so.1.abi \
		--version-script demo.map build/libdemo.so.1) \
		>"$work/bad.actual" 2>&1 || status=$?
	[ "$status" = 1 ] || { cat "$work/bad.actual" >&2; fail "check exited $status, want 1"; }
fi
diff -u "$case_dir/bad.expected" "$work/bad.actual" || fail "bad variant: diagnostics differ"

good=$(prepare good "$case_dir/good.patch")
build "$good" || { cat "$good/build.log" >&2; fail "good variant did not build"; }
diagnostics "$good/build.log" >"$work/good.actual"
if [ -f "$case_dir/good.expected" ]; then
	# A right fix may still be worth a warning (a source-only change).
	diff -u "$case_dir/good.expected" "$work/good.actual" ||
		fail "good variant: diagnostics differ from good.expected"
elif grep -q '\[[a-z-]*\]$' "$work/good.actual"; then
	cat "$work/good.actual" >&2
	fail "good variant produced abiguard diagnostics"
fi
(cd "$good" && "$abiguard" check --baseline abi/libdemo.so.1.abi \
	--version-script demo.map build/libdemo.so.1) || fail "good variant: check failed"
echo "PASS: $(basename "$case_dir") with $(basename "$cc")"
