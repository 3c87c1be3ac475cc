#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The manual pages are generated from the command's own help and rule list
# and from the user guide's option table; a change to any of them without
# regenerating fails here. They must also be clean roff.
#   regenerate: docs/man/generate.py build/cli/abiguard
set -euo pipefail
abiguard=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/docs/man/generate.py" "$abiguard" "$work"
status=0
for page in abiguard.1 abiguard-options.5; do
	diff -u "$root/docs/man/$page" "$work/$page" || {
		echo "FAIL: docs/man/$page is out of date" >&2
		status=1
	}
	warnings=$(groff -man -ww -z "$root/docs/man/$page" 2>&1)
	[ -z "$warnings" ] || { echo "FAIL: $page: $warnings" >&2; status=1; }
done
# Every subcommand has its section.
for cmd in $("$abiguard" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p'); do
	grep -q "^\.SS $cmd\$" "$root/docs/man/abiguard.1" || {
		echo "FAIL: abiguard.1 has no section for '$cmd'" >&2
		status=1
	}
done
[ "$status" = 0 ] && echo PASS
exit "$status"
