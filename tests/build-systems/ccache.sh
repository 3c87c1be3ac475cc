#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ccache never serves an object checked against another baseline, version
# script, .abiguard or mode. MODE is one of ccache's modes:
#   direct        the default: direct mode, preprocessor mode on a miss
#   preprocessor  direct mode off (CCACHE_NODIRECT)
#   depend        depend mode (CCACHE_DEPEND): the dependency file decides
#   extra-files   the default modes, told to hash abiguard's inputs
#                 (CCACHE_EXTRAFILES, extra_files_to_hash)
# With gcc the plugin marks its inputs in the preprocessor's output (direct
# and preprocessor modes) and in the dependency file (depend mode). Clang
# runs no plugin under -E: with clang, depend mode or extra files.
#
#   ccache.sh MODE EXAMPLE ABIGUARD GCC_PLUGIN CLANG_PLUGIN CC
mode=$1
shift
source "$(dirname "$0")/lib.bash"
command -v ccache >/dev/null || skip "ccache is not installed"

# A cache of our own, none of the user's settings.
for v in $(compgen -e CCACHE_); do unset "$v"; done
unset ABIGUARD_OPTIONS
export CCACHE_DIR=$work/ccache CCACHE_CONFIGPATH=$work/ccache.conf
export CCACHE_TEMPDIR=$work/ccache-tmp
: >"$CCACHE_CONFIGPATH"
case $mode in
direct) ;;
preprocessor) export CCACHE_NODIRECT=1 ;;
depend) export CCACHE_DEPEND=1 ;;
extra-files) ;; # once the files exist
*) fail "unknown mode $mode" ;;
esac

prepare_library
echo "# libdemo's abiguard settings" >"$lib/.abiguard"
[ "$mode" = extra-files ] &&
	export CCACHE_EXTRAFILES=$baseline:$lib/demo.map:$lib/.abiguard
mkdir -p "$lib/out"
read -ra flags <<<"-fPIC -Wall -Wextra -Iinclude $(plugin_flags)"
compile() {
	(cd "$lib" && ccache "$cc" "${flags[@]}" -MMD -MF out/demo.d \
		-c src/demo.c -o out/demo.o)
}

counter() {
	ccache --print-stats | awk -v key="$1" '$1 == key { print $2 }'
}
hits() {
	echo $(($(counter direct_cache_hit) + $(counter preprocessed_cache_hit)))
}

expect_break() {
	expect_status 1 compile
	expect_output "error: 'struct demo_info' grew from 24 to 32 bytes" "$1"
	expect_output "[released-type-changed]" "$1"
}

# A miss, then a hit: the cache works, in the mode asked for.
expect_status 0 compile
[ "$(counter cache_miss)" = 1 ] || fail "first compile was not a miss"
expect_status 0 compile
[ "$(hits)" = 1 ] || fail "second compile was not a hit"
case $mode in
preprocessor) [ "$(counter preprocessed_cache_hit)" = 1 ] ;;
*) [ "$(counter direct_cache_hit)" = 1 ] ;;
esac || { ccache --print-stats >&2; fail "the hit was not in $mode mode"; }
grep -qF abi/libdemo.so.1.abi "$lib/out/demo.d" ||
	fail "the dependency file served from the cache lost the baseline"

# The baseline refreshed: the break is found, not served from the cache.
cp "$original" "$baseline"
expect_break "an object checked against the other baseline was served"
cp "$accepting" "$baseline"
expect_status 0 compile

misses=$(counter cache_miss)
echo "/* reviewed */" >>"$lib/demo.map"
expect_status 0 compile
[ "$(counter cache_miss)" = $((misses + 1)) ] ||
	fail "an object checked against the old version script was served"

misses=$(counter cache_miss)
echo "# reviewed" >>"$lib/.abiguard"
expect_status 0 compile
[ "$(counter cache_miss)" = $((misses + 1)) ] ||
	fail "an object compiled under the old .abiguard was served"

# mode=off from the command line, which ccache hashes: its object (no
# summary, nothing checked) is never served to a checking compile.
ccache --clear >/dev/null
cp "$original" "$baseline"
flags+=(-fplugin-arg-abiguard-mode=off)
expect_status 0 compile
unset 'flags[-1]'
expect_break "an object compiled with mode=off was served to a check"

# mode=off from ABIGUARD_OPTIONS, which ccache does not see: the plugin
# keeps such compiles out of the direct mode, and the preprocessor's
# output differs. Depend mode and extra files cannot tell (see
# docs/integration.md).
if [ "$cc" = gcc ] && [ "$mode" != depend ]; then
	ccache --clear >/dev/null
	ABIGUARD_OPTIONS=mode=off expect_status 0 compile
	expect_break "an object compiled with ABIGUARD_OPTIONS=mode=off was served to a check"
	ABIGUARD_OPTIONS=mode=off expect_status 0 compile
	expect_break "an object compiled with ABIGUARD_OPTIONS=mode=off was served to a check"
fi
echo PASS
