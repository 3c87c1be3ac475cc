# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the scenario scripts: arguments, a scratch directory, helpers.
set -euo pipefail
example=$1 abiguard=$2 plugin=${3-} # the GCC plugin, when built
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# copy_example NAME -> a fresh copy of the example library in $work/NAME
copy_example() {
	cp -r "$example" "$work/$1"
	rm -rf "$work/$1/build"
	echo "$work/$1"
}

# expect_status WANT CMD... : run CMD, compare its exit status
expect_status() {
	local want=$1 status=0
	shift
	"$@" >"$work/out" 2>&1 || status=$?
	[ "$status" = "$want" ] || { cat "$work/out" >&2; fail "'$*' exited $status, want $want"; }
}
