#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Build the libFuzzer targets with clang (ASan + UBSan) and run each for a
# short time on its seed corpus. CI runs this as a smoke test; run it
# longer by hand:  tests/fuzz/run.sh BUILD_DIR SECONDS
# (BUILD_DIR is a configured build: the rule registry is generated there.)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build}
out=$build/fuzz
seconds=${2:-10}
mkdir -p "$out"
core=("$src"/common/*/*.c "$src"/common/*/*/*.c)
flags=(-g -O1 -std=c11 -D_XOPEN_SOURCE=700 -fno-sanitize-recover=all -Wall -Werror
	-I"$build/common/abiguard-rules")
for dir in "$src"/common/*/include; do flags+=(-I"$dir"); done
# The core is compiled once, then linked into each target.
mkdir -p "$out/core"
rm -f "$out/core"/*.o
for c in "${core[@]}"; do
	clang-14 "${flags[@]}" -fsanitize=fuzzer-no-link,address,undefined \
		-c "$c" -o "$out/core/$(basename "$(dirname "$c")")_$(basename "$c" .c).o"
done
for target in baseline vscript elf config options merge vscript_index baseline_index; do
	clang-14 "${flags[@]}" -fsanitize=fuzzer,address,undefined \
		"$out"/core/*.o "$src/tests/fuzz/fuzz_$target.c" \
		-lelf -llz4 -lzstd -o "$out/fuzz_$target"
done

# Seeds: real inputs of each kind from the repository.
seed() { # target files...
	local dir=$out/corpus-$1
	shift
	mkdir -p "$dir"
	cp "$@" "$dir/"
	echo "$dir"
}
baseline_seeds=$(seed baseline "$src"/examples/libdemo/abi/*.abi "$src"/tests/unit/data/serialize/*)
vscript_seeds=$(seed vscript "$src"/examples/libdemo/demo.map "$src"/tests/unit/data/vscript/*)
elf_seeds=$(seed elf /bin/true)
# An object with two notes, a summary and a record of another name, as the
# assembler writes them: the notes are read back from the file.
cat >"$out/notes.s" <<'EOF'
	.section .note.abiguard,"",@note
	.balign 4
	.long 9, 2f - 1f, 0x41424901
	.asciz "ABIGUARD"
	.balign 4
1:	.ascii "abiguard-summary 1\ntarget x86_64-lp64\nbase int size 32 align 32 signed\n"
2:	.balign 4
	.long 4, 4, 1
	.asciz "GNU"
	.long 0
EOF
gcc -c "$out/notes.s" -o "$elf_seeds/notes.o"
# Checked-in seeds of the targets that have them (tests/fuzz/corpus/).
config_seeds=$(seed config "$src"/tests/fuzz/corpus/config/*)
options_seeds=$(seed options "$src"/tests/fuzz/corpus/options/*)
merge_seeds=$(seed merge "$src"/tests/fuzz/corpus/merge/*)
vscript_index_seeds=$(seed vscript_index "$src"/tests/fuzz/corpus/vscript-index/*)
baseline_index_seeds=$(seed baseline_index "$src"/tests/fuzz/corpus/baseline-index/*)

run() { # target corpus
	"$out/fuzz_$1" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 \
		-print_final_stats=0 "$2" >"$out/$1.log" 2>&1 ||
		{ tail -40 "$out/$1.log" >&2; echo "FAIL: fuzz_$1" >&2; exit 1; }
	echo "fuzz_$1: $(grep -o 'Done [0-9]* runs' "$out/$1.log" | tail -1) without a crash"
}
run baseline "$baseline_seeds"
run vscript "$vscript_seeds"
run elf "$elf_seeds"
run config "$config_seeds"
run options "$options_seeds"
run merge "$merge_seeds"
run vscript_index "$vscript_index_seeds"
run baseline_index "$baseline_index_seeds"
