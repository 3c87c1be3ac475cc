#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Preprocessed here, compiled elsewhere, as icecream, distcc and ccache
# without run_second_cpp do: the GCC plugin compiling the output of -E (in
# another directory, from standard input, with -fpreprocessed, as
# icecream's remote daemon runs it) embeds the summary of a direct compile
# and finds the same break; when its inputs differ from those the output
# was preprocessed with, it refuses the unit and says why. -save-temps
# works too.
#
#   preprocessed.sh EXAMPLE ABIGUARD GCC_PLUGIN CLANG_PLUGIN
source "$(dirname "$0")/lib.bash"
prepare_library
flags=(-fPIC -Wall -Wextra -I"$lib/include" -fplugin="$gcc_plugin"
	-fplugin-arg-abiguard-baseline="$baseline"
	-fplugin-arg-abiguard-version-script="$lib/demo.map"
	-fplugin-arg-abiguard-public="$lib/include"
	-fplugin-arg-abiguard-root="$lib")
elsewhere=$work/elsewhere
mkdir -p "$elsewhere"

direct() {
	(cd "$lib" && gcc "${flags[@]}" -c "$lib/src/demo.c" -o "$1")
}
preprocess() {
	(cd "$lib" && gcc "${flags[@]}" -E "$lib/src/demo.c" -o "$work/demo.i")
}
# The remote half: another directory, the preprocessed text on stdin.
compile_elsewhere() {
	(cd "$elsewhere" && gcc -x c "${flags[@]}" -fpreprocessed - -c \
		-o "$1" <"$work/demo.i")
}
note_of() {
	objcopy --dump-section .note.abiguard="$1.note" "$1" "$work/scratch.o"
	echo "$1.note"
}

expect_status 0 direct "$work/direct.o"
expect_status 0 preprocess
expect_status 0 compile_elsewhere "$work/elsewhere.o"
[ -s "$(note_of "$work/direct.o")" ] || fail "no summary in the direct compile"
cmp -s "$(note_of "$work/direct.o")" "$(note_of "$work/elsewhere.o")" ||
	fail "the summary compiled from preprocessed input differs"

(cd "$lib" && gcc "${flags[@]}" -save-temps=obj -c "$lib/src/demo.c" \
	-o "$work/saved.o") >"$work/out" 2>&1 || { cat "$work/out" >&2; fail "-save-temps"; }
cmp -s "$(note_of "$work/direct.o")" "$(note_of "$work/saved.o")" ||
	fail "the summary under -save-temps differs"

# A break: the same errors from the preprocessed input.
cp "$original" "$baseline"
expect_status 1 direct "$work/direct.o"
sed "s|$lib/||g" "$work/out" >"$work/direct.err"
expect_status 0 preprocess
expect_status 1 compile_elsewhere "$work/elsewhere.o"
sed "s|$lib/||g" "$work/out" >"$work/elsewhere.err"
grep -q "\[released-type-changed\]" "$work/direct.err" || fail "no break found"
diff -u "$work/direct.err" "$work/elsewhere.err" ||
	fail "the preprocessed input gave other errors"

# Inputs that differ where the unit is compiled: refused, saying why.
cp "$accepting" "$baseline"
expect_status 0 preprocess
cp "$original" "$baseline"
expect_status 1 compile_elsewhere "$work/elsewhere.o"
expect_output "abiguard: this unit was preprocessed with other abiguard inputs" \
	"a stale baseline was not noticed"
cp "$accepting" "$baseline"
ABIGUARD_OPTIONS=mode=record expect_status 1 compile_elsewhere "$work/elsewhere.o"
expect_output "abiguard: this unit was preprocessed with other abiguard inputs" \
	"options from the environment were not noticed"
expect_status 0 compile_elsewhere "$work/elsewhere.o"
echo PASS
