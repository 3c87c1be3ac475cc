# SPDX-License-Identifier: GPL-3.0-or-later
# note_payload OBJECT: the summary text of the object's one .note.abiguard
# record (a 12-byte header, the name "ABIGUARD" padded to 12, then the
# payload: the text, or a line "abiguard-lz4 1 SIZE" or "abiguard-zstd 1
# SIZE" and the text compressed by that tool). Scratch files go to $work;
# fail() reports.
note_payload() {
	local raw=$work/note.raw payload=$work/note.payload
	objcopy --dump-section .note.abiguard="$raw" "$1" "$work/note.junk" ||
		fail "$1 has no .note.abiguard section"
	local size
	size=$(od -An -t u4 -j 4 -N 4 "$raw" | tr -d ' ')
	tail -c +25 "$raw" | head -c "$size" >"$payload"
	local line
	line=$(head -n 1 "$payload")
	case $line in
	"abiguard-lz4 1 "*)
		tail -c +$((${#line} + 2)) "$payload" | lz4 -dcq ;;
	"abiguard-zstd 1 "*)
		tail -c +$((${#line} + 2)) "$payload" | zstd -dcq ;;
	*) cat "$payload" ;;
	esac
}
