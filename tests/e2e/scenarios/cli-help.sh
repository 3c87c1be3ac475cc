#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command and subcommand prints its usage on stdout with --help and
# exits 0, wherever --help stands; nothing on stderr, nothing read.
source "$(dirname "$0")/lib.bash"

# help_ok WORDS...: `abiguard WORDS` prints a usage on stdout, exit 0
help_ok() {
	local status=0
	(cd "$work" && "$abiguard" "$@") >"$work/help.out" 2>"$work/help.err" ||
		status=$?
	[ "$status" = 0 ] || { cat "$work/help.err" >&2; fail "'$*' exited $status"; }
	[ ! -s "$work/help.err" ] || { cat "$work/help.err" >&2; fail "'$*' wrote to stderr"; }
	head -n1 "$work/help.out" | grep -q '^usage: abiguard' ||
		fail "'$*' printed no usage: $(head -n1 "$work/help.out")"
}

help_ok --help
help_ok -h
for cmd in check diff dump explain baseline "baseline update" \
	"baseline release"; do
	# shellcheck disable=SC2086 # the words of the command
	help_ok $cmd --help
	# shellcheck disable=SC2086
	help_ok $cmd -h
done
# After an option that takes a value, --help is still help, not the value.
help_ok baseline update --baseline --help
help_ok baseline release --baseline abi/x.abi --help
help_ok check --baseline x.abi lib.so --help
# A .abiguard that names a file that is not there must not stop --help.
printf 'baseline = missing.abi\nseverity = no-such-rule=off\n' >"$work/.abiguard"
help_ok check --help
help_ok baseline update --help
grep -q -- '--exit-code' "$work/help.out" || fail "update --help lacks --exit-code"
rm "$work/.abiguard"
# lint, when the Clang front ends are built.
if "$abiguard" lint --help >/dev/null 2>&1; then
	help_ok lint --help
	help_ok lint -p build --help
fi
# explain --help is the usage, not a rule lookup.
help_ok explain --help
grep -q "no rule" "$work/help.out" && fail "explain --help looked up a rule"
# Without a subcommand word, baseline prints its usage on stderr, exit 2.
expect_status 2 "$abiguard" baseline
expect_status 2 "$abiguard" explain
echo PASS
