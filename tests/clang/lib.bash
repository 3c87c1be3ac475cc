# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the Clang test scripts: a scratch directory and helpers.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# shellcheck source=tests/note.bash
source "$(dirname "${BASH_SOURCE[0]}")/../note.bash"

# compile_commands SOURCE_DIR OUT_JSON CC ARGS...: a compilation database
# with one entry per SOURCE_DIR/src/*.c, as a build system writes it
# ("arguments" form, paths relative to the directory).
compile_commands() {
	local dir=$1 out=$2
	shift 2
	local first=1 src args
	{
		echo "["
		for src in "$dir"/src/*.c; do
			src=src/$(basename "$src")
			args=""
			for a in "$@" -c -o "build/$(basename "$src" .c).o" "$src"; do
				args+="\"$a\", "
			done
			[ $first = 1 ] || echo ","
			first=0
			printf '{"directory": "%s", "file": "%s", "arguments": [%s]}' \
				"$dir" "$src" "${args%, }"
		done
		echo "]"
	} >"$out"
}

# The findings of a diagnostics listing, one per line, in one spelling for
# `abiguard lint` and clang-tidy: clang-tidy's source lines and carets
# dropped, its check names abiguard-RULE written RULE, its remarks (the
# findings of severity note) written note, a place without a column given
# column 1 (clang-tidy always has one), a location clang-tidy cannot place
# put back in front, DIR/ taken off absolute paths, and a place outside
# DIR (a system header, which clang-tidy shows and lint cannot name)
# written <unknown>, as lint writes it; each finding with
# its notes, the findings sorted (clang-tidy sorts them by place and
# message, lint prints them in the order of the rules).
#   findings DIR <listing
findings() {
	local dir=$1
	sed -E -n \
		-e "s|^$dir/||" \
		-e 's|^/[^ :]*:[0-9]+:[0-9]+: |<unknown>: |' \
		-e 's/^(error|warning|note|remark): ([^ :]+(:[0-9]+)?): /\2: \1: /' \
		-e 's/^([^ :]+:[0-9]+): /\1:1: /' \
		-e 's/^([^ :]+(:[0-9]+)*: )remark: /\1note: /' \
		-e 's/ \[abiguard-([a-z0-9-]+)\]$/ [\1]/' \
		-e '/^[^ :]+(:[0-9]+)*: (error|warning|note): /p' |
		awk '/^[^ ]+ note: / { printf "\x1f%s", $0; next }
		     { printf "%s%s", (NR > 1 ? "\n" : ""), $0 }
		     END { if (NR) printf "\n" }' |
		LC_ALL=C sort | tr '\037' '\n'
}

# tidy TIDY MODULE DIR ARGS...: clang-tidy with the module and every
# abiguard check, in DIR, headers included; its diagnostics on stdout.
tidy() {
	local exe=$1 module=$2 dir=$3
	shift 3
	(cd "$dir" && "$exe" --quiet --load="$module" --checks='-*,abiguard-*' \
		--header-filter='.*' "$@" 2>/dev/null) || true
}
