#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --color (GCC's colours on text findings; auto: a terminal, TERM not dumb,
# NO_COLOR unset), --quiet and --verbose on check and diff.
source "$(dirname "$0")/lib.bash"

dir=$(copy_example lib)
make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" >/dev/null
lib=$dir/build/libdemo.so.1
sed 's/^func demo_close@@DEMO_1.0 .*/&\nfunc demo_gone@@DEMO_1.0 void (void)/' \
	"$dir/abi/libdemo.so.1.abi" >"$work/lost.abi"
check=("$abiguard" check --baseline "$work/lost.abi" --version-script "$dir/demo.map")
esc=$'\033'

# run OUT ARGS...: stdout to OUT, stderr to OUT.err; exit 1 expected
run() {
	local out=$1 status=0
	shift
	"$@" >"$out" 2>"$out.err" || status=$?
	[ "$status" = 1 ] || { cat "$out.err" >&2; fail "'$*' exited $status, want 1"; }
}

run "$work/plain" "${check[@]}" "$lib"
grep -q "$esc" "$work/plain" && fail "colour on a pipe without --color"
run "$work/always" "${check[@]}" --color=always "$lib"
# The error line: bold location, bold red "error:", the rule in red.
grep -qF "${esc}[01m${esc}[K" "$work/always" || fail "no bold location"
grep -qF "${esc}[01;31m${esc}[Kerror:${esc}[m${esc}[K" "$work/always" ||
	fail "error: not red: $(cat -v "$work/always" | head -3)"
grep -qF "${esc}[01;31m${esc}[K[symbol-removed]${esc}[m${esc}[K" "$work/always" ||
	fail "the rule id is not in the error's colour"
# Without the escapes, the same text.
sed "s/${esc}\[[0-9;]*m${esc}\[K//g" "$work/always" | diff -u "$work/plain" - ||
	fail "--color=always changed the text"
run "$work/alone" "${check[@]}" --color "$lib"
cmp -s "$work/alone" "$work/always" || fail "--color alone is not always"
run "$work/never" "${check[@]}" --color never "$lib"
cmp -s "$work/never" "$work/plain" || fail "--color never coloured"
expect_status 2 "${check[@]}" --color=sometimes "$lib"
grep -q "color must be auto, always or never" "$work/out" || fail "bad --color not explained"
# JSON is never coloured.
"${check[@]}" --format=json --color=always "$lib" >"$work/json" 2>&1 || true
grep -q "$esc" "$work/json" && fail "JSON output coloured"

# auto on a terminal: coloured; TERM=dumb or NO_COLOR: not.
if command -v script >/dev/null; then
	tty_run() { # ENV...: check under a pseudo-terminal, output on stdout
		env "$@" script -qec "$(printf '%q ' "${check[@]}" "$lib")" /dev/null || true
	}
	tty_run TERM=xterm >"$work/tty" </dev/null
	grep -q "$esc\[01;31m" "$work/tty" || fail "--color=auto did not colour a terminal"
	tty_run TERM=dumb >"$work/tty" </dev/null
	grep -q "$esc\[01;31m" "$work/tty" && fail "TERM=dumb coloured"
	tty_run TERM=xterm NO_COLOR=1 >"$work/tty" </dev/null
	grep -q "$esc\[01;31m" "$work/tty" && fail "NO_COLOR coloured"
fi

# --quiet: the findings only (check prints no summary lines of its own, so
# the same stdout); the no-summaries warning is a finding about the input
# and stays.
run "$work/quiet" "${check[@]}" --quiet "$lib"
cmp -s "$work/quiet" "$work/plain" || fail "--quiet dropped findings"
# --verbose: what was read, on stderr; stdout unchanged.
run "$work/verbose" "${check[@]}" --verbose "$lib"
cmp -s "$work/verbose" "$work/plain" || fail "--verbose changed stdout"
grep -q "^abiguard: baseline $work/lost.abi: [0-9]* symbols, 2 version nodes" \
	"$work/verbose.err" || fail "--verbose: baseline: $(cat "$work/verbose.err")"
grep -q "^abiguard: library $lib: soname libdemo.so.1" "$work/verbose.err" ||
	fail "--verbose: library"
# diff --verbose names both sides.
run "$work/diff" "$abiguard" diff --verbose "$work/lost.abi" "$dir/abi/libdemo.so.1.abi"
grep -q "^abiguard: old $work/lost.abi: " "$work/diff.err" || fail "diff --verbose: old"
grep -q "^abiguard: new $dir/abi/libdemo.so.1.abi: " "$work/diff.err" || fail "diff --verbose: new"
echo PASS
