#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# abiguard.h as a library's users meet it, installed with
# `cmake --install --prefix P`:
#   - pkg-config --cflags abiguard and the CMake target
#     abiguard::annotations find it;
#   - a header that uses every macro compiles warning-free with plain gcc
#     and clang (-Wall -Wextra -Werror -pedantic, C89, C99 and C11), where
#     the macros expand to nothing, and with each installed plugin, where
#     they are attributes the plugin reads (its summary records them);
#   - a CMake project links abiguard::annotations and builds with and
#     without abiguard_check_library().
source "$(dirname "$0")/lib.bash"

# shellcheck source=tests/note.bash
source "$(dirname "$0")/../note.bash"

step "pkg-config and the installed header"
cflags=$(pkg-config --cflags abiguard)
read -r include_dir <<<"${cflags#-I}"
[ -f "$include_dir/abiguard.h" ] || fail "pkg-config --cflags abiguard ($cflags) has no abiguard.h"
cmp -s "$include_dir/abiguard.h" "$root/include/abiguard.h" || fail "the installed abiguard.h differs"

src=$work/src
mkdir -p "$src/include"
cat >"$src/include/ann.h" <<'H'
#ifndef ANN_H
#define ANN_H
#include <abiguard.h>
struct ABIGUARD_OPAQUE ann_ctx { int refs; };
struct ABIGUARD_GROWABLE ann_opts {
	unsigned long sz;
	unsigned int flags;
	unsigned int spare[2] ABIGUARD_RESERVED;
};
enum ABIGUARD_APPEND_ONLY ann_kind { ANN_FILE, ANN_PIPE, ANN_LAST };
int ann_open(struct ann_ctx *ctx, const struct ann_opts *opts,
	     enum ann_kind kind) ABIGUARD_NODE(ANN_1.0);
ABIGUARD_INTERNAL int ann_debug(void);
#endif
H
cat >"$src/ann.c" <<'C'
#include "ann.h"
int ann_open(struct ann_ctx *ctx, const struct ann_opts *opts,
	     enum ann_kind kind)
{
	return ctx && opts && kind != ANN_LAST ? ctx->refs : -1;
}
int ann_debug(void)
{
	return 0;
}
C

strict=(-Wall -Wextra -Werror -pedantic)
gcc_plugin=$(pkg-config --variable=gcc_plugin abiguard)
clang_plugin=$(pkg-config --variable=clang_plugin abiguard || true)
for std in c89 c99 c11; do
	for cc in gcc clang; do
		command -v "$cc" >/dev/null || continue
		step "$cc -std=$std, plain"
		(cd "$src" && expect_ok "$cc" -std=$std "${strict[@]}" $cflags -Iinclude \
			-c ann.c -o "$work/plain.o")
		[ ! -s "$work/out" ] || { cat "$work/out" >&2; fail "$cc -std=$std printed something"; }
		plugin=$gcc_plugin
		[ "$cc" = clang ] && plugin=$clang_plugin
		[ -n "$plugin" ] || continue
		step "$cc -std=$std, with the plugin"
		(cd "$src" && expect_ok "$cc" -std=$std "${strict[@]}" $cflags -Iinclude \
			-fplugin="$plugin" -fplugin-arg-abiguard-mode=record \
			-fplugin-arg-abiguard-public=include -c ann.c -o "$work/$cc.o")
		[ ! -s "$work/out" ] || { cat "$work/out" >&2; fail "$cc -std=$std with the plugin printed something"; }
		# the promises are in the object's summary
		note_payload "$work/$cc.o" >"$work/$cc.summary"
		for word in abiguard:opaque abiguard:growable abiguard:append-only \
			abiguard:reserved internal; do
			grep -q -- "$word" "$work/$cc.summary" || fail "$cc -std=$std: the summary lacks $word"
		done
	done
done

step "CMake: abiguard::annotations, with and without the check"
proj=$work/cmake-project
mkdir -p "$proj"
cp -r "$src/." "$proj"
cat >"$proj/ann.map" <<'M'
ANN_1.0 { global: ann_open; ann_debug; local: *; };
M
cat >"$proj/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.16)
project(ann C)
find_package(abiguard REQUIRED)
add_library(ann SHARED ann.c)
target_include_directories(ann PRIVATE include)
target_link_libraries(ann PRIVATE abiguard::annotations)
target_link_options(ann PRIVATE -Wl,--version-script=${CMAKE_SOURCE_DIR}/ann.map)
if(ANN_CHECK)
  abiguard_check_library(ann BASELINE ${CMAKE_SOURCE_DIR}/abi/libann.abi
    VERSION_SCRIPT ann.map PUBLIC include MODE record)
endif()
CM
for check in OFF ON; do
	expect_ok cmake -S "$proj" -B "$work/cmake-build-$check" -DANN_CHECK=$check
	expect_ok cmake --build "$work/cmake-build-$check"
done
note_payload "$work/cmake-build-ON/CMakeFiles/ann.dir/ann.c.o" | grep -q "abiguard:growable" ||
	fail "the checked CMake build's object has no annotation in its summary"
if readelf -S "$work/cmake-build-OFF/CMakeFiles/ann.dir/ann.c.o" | grep -q '\.note\.abiguard'; then
	fail "the unchecked CMake build ran the plugin"
fi
echo PASS
