# SPDX-License-Identifier: GPL-3.0-or-later
# What every policy test starts with: source it with the test's arguments
# ABIGUARD FRONTEND PLUGIN. It sets abiguard, frontend, plugin, here (the
# test's directory), work (a temporary directory, kept with KEEP=1), cc
# (the front end's compiler, with diagnostics as the expected files spell
# them) and fail(), whose messages start with test_label (default: the
# script's name and the front end).
set -euo pipefail
abiguard=$(realpath "$1") frontend=$2 plugin=$(realpath "$3")
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
test_label="$(basename "${BASH_SOURCE[1]}" .sh) ($frontend)"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $test_label: $*" >&2
	exit 1
}

case $frontend in
gcc) cc="gcc -fdiagnostics-plain-output" ;;
clang) cc="clang -fno-caret-diagnostics -fno-color-diagnostics" ;;
*) fail "unknown front end $frontend" ;;
esac
