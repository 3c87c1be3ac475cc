#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# As rebuild.sh, with a CMake project that only adds the plugin's flags
# (no abiguard CMake package): CMake's generators take the dependencies
# from the compiler's output, so a refreshed baseline fails the next build
# and an edited version script or .abiguard recompiles.
#
#   rebuild-cmake.sh GENERATOR EXAMPLE ABIGUARD GCC_PLUGIN CLANG_PLUGIN CC
generator=$1
shift
source "$(dirname "$0")/lib.bash"
command -v cmake >/dev/null || skip "cmake is not installed"
[ "$generator" != Ninja ] || command -v ninja >/dev/null || skip "ninja is not installed"

prepare_library
echo "# libdemo's abiguard settings" >"$lib/.abiguard"
rm -f "$lib/CMakeLists.txt"
cat >"$lib/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(demo C)
add_library(demo SHARED src/demo.c src/log.c)
target_include_directories(demo PRIVATE include)
separate_arguments(plugin_flags UNIX_COMMAND "$(plugin_flags)")
target_compile_options(demo PRIVATE \${plugin_flags})
target_link_options(demo PRIVATE -Wl,--version-script=\${CMAKE_SOURCE_DIR}/demo.map)
CMAKE
# The plugin's paths are relative to the source directory.
sed -i "s|abi/libdemo.so.1.abi|$lib/abi/libdemo.so.1.abi|; s|=demo.map|=$lib/demo.map|; s|public=include|public=$lib/include|" \
	"$lib/CMakeLists.txt"
expect_status 0 cmake -S "$lib" -B "$lib/out" -G "$generator" \
	-DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=
build() {
	cmake --build "$lib/out"
}
# What a failed build exits with: make's status, or ninja's.
failed=1
[ "$generator" = Ninja ] || failed=2
expect_status 0 build
object=$(find "$lib/out" -name 'demo.c.o' -print -quit)
[ -n "$object" ] || fail "no object for demo.c"

# The build fails with make's status 2, ninja's 1.
expect_status 0 build
expect_rebuilds "$object" $failed
