#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# NOLINT lists: a name that looks like abiguard's and matches no rule is a
# warning at its line with the nearest id (and suppresses nothing); bare
# NOLINT, NOLINT(*), NOLINT(abiguard-RULE), abiguard globs and other
# tools' check names keep working, silently.
source "$(dirname "$0")/lib.bash"
cases=$(dirname "$0")/../cases

# build COMMENT: the example with demo_read's parameter changed (a break
# at include/demo.h:38) and COMMENT at the end of that line; output in
# $work/build.out, exit status echoed
build() {
	local dir status=0
	rm -rf "$work/lib"
	dir=$(copy_example lib)
	patch --quiet -p1 -d "$dir" <"$cases/param-type-changed/bad.patch"
	sed -i "38s|\$| $1|" "$dir/include/demo.h"
	grep -q 'unsigned int len); //' "$dir/include/demo.h" ||
		fail "line 38 of demo.h is not demo_read any more"
	make --no-print-directory -C "$dir" ABIGUARD_PLUGIN="$plugin" \
		>"$work/build.out" 2>&1 || status=$?
	echo "$status"
}

# A misspelt rule: the break is still an error, and the name is a warning.
[ "$(build '// NOLINT(released-signatur-changed): reviewed')" != 0 ] ||
	fail "a misspelt NOLINT suppressed the break"
grep -q "include/demo.h:38[:0-9]*: .*NOLINT names no abiguard rule 'released-signatur-changed' (did you mean 'released-signature-changed'?) \[nolint-unknown-rule\]" \
	"$work/build.out" || fail "misspelt NOLINT not reported: $(cat "$work/build.out")"
grep -q "error: signature of 'demo_read' changed" "$work/build.out" ||
	fail "the break itself was not reported"
# The clang-tidy spelling, misspelt: reported too.
[ "$(build '// NOLINT(abiguard-released-signature-chnged)')" != 0 ] ||
	fail "a misspelt abiguard- NOLINT suppressed the break"
grep -q "warning: .*NOLINT names no abiguard rule 'abiguard-released-signature-chnged' (did you mean 'released-signature-changed'?)" \
	"$work/build.out" || fail "misspelt abiguard- NOLINT not reported"
[ "$(build '// NOLINT(abiguard-no-such-thing)')" != 0 ] ||
	fail "an unknown abiguard- NOLINT suppressed the break"
grep -q "warning: .*NOLINT names no abiguard rule 'abiguard-no-such-thing' \[nolint-unknown-rule\]" \
	"$work/build.out" || fail "unknown abiguard- name not reported"
# Among other tools' names, a misspelt one is still found.
[ "$(build '// NOLINT(bugprone-foo, released-signature-chaged)')" != 0 ] ||
	fail "misspelt NOLINT in a list suppressed the break"
grep -q "no abiguard rule 'released-signature-chaged'" "$work/build.out" ||
	fail "misspelt name after another tool's not reported"
grep -q "rule 'bugprone-foo'" "$work/build.out" && fail "another tool's check was reported"

# What keeps working, silently: each suppresses the break, no warning.
for comment in '// NOLINT' '// NOLINT(*)' \
	'// NOLINT(released-signature-changed): reviewed' \
	'// NOLINT(abiguard-released-signature-changed)' \
	'// NOLINT(abiguard-*)' '// NOLINT(released-*)' \
	'// NOLINT(bugprone-foo, clang-diagnostic-*, released-signature-changed)'; do
	[ "$(build "$comment")" = 0 ] ||
		fail "'$comment' did not suppress: $(cat "$work/build.out")"
	grep -q "warning:" "$work/build.out" &&
		fail "'$comment' gave a warning: $(cat "$work/build.out")"
done
# Other tools' names alone: silent, and (naming no abiguard rule) the
# break stays an error.
for comment in '// NOLINT(bugprone-foo)' '// NOLINT(clang-diagnostic-*)' \
	'// NOLINT(readability-identifier-length, cert-err33-c)'; do
	[ "$(build "$comment")" != 0 ] || fail "'$comment' suppressed the break"
	grep -q "nolint-unknown-rule" "$work/build.out" &&
		fail "'$comment' was taken for an abiguard name"
done
echo PASS
