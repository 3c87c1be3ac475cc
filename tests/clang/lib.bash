# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the Clang test scripts: a scratch directory and helpers.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# note_payload OBJECT: the text of the object's one .note.abiguard record
# (a 12-byte header, the name "ABIGUARD" padded to 12, then the payload).
note_payload() {
	local raw=$work/note.raw
	objcopy --dump-section .note.abiguard="$raw" "$1" "$work/note.junk" ||
		fail "$1 has no .note.abiguard section"
	local size
	size=$(od -An -t u4 -j 4 -N 4 "$raw" | tr -d ' ')
	tail -c +25 "$raw" | head -c "$size"
}

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
