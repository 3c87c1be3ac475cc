#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The installed CMake package: find_package(abiguard) and
# abiguard_check_library() catch the break in a CMake build of the example,
# let the correct change through (post-link check included), and the
# pkg-config file names the plugin and the command; the installed command
# runs its lint helper.
source "$(dirname "$0")/lib.bash"
cases=$(dirname "$0")/../cases
build=$(cd "$(dirname "$plugin")/.." && pwd)
DESTDIR=$work/root cmake --install "$build" >/dev/null
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
package=$(dirname "$(find "$work/root" -name abiguardConfig.cmake)")
pcfile=$(find "$work/root" -name abiguard.pc)
[ -n "$package" ] && [ -n "$pcfile" ] || fail "CMake package or pkg-config file not installed"

configure_and_build() { # source dir
	cmake -S "$1" -B "$1/cmake-build" -Dabiguard_DIR="$package" \
		-Dabiguard_GCC_PLUGIN="$plugin" >/dev/null &&
		cmake --build "$1/cmake-build"
}

bad=$(copy_example bad)
patch --quiet -p1 -d "$bad" <"$cases/param-type-changed/bad.patch"
expect_status 2 configure_and_build "$bad" # make's status
grep -q "\[released-signature-changed\]" "$work/out" || fail "break not reported in the CMake build"

good=$(copy_example good)
patch --quiet -p1 -d "$good" <"$cases/param-type-changed/good.patch"
expect_status 0 configure_and_build "$good"
grep -q "abiguard: checking the ABI of demo" "$work/out" || fail "no post-link check ran"
expect_status 0 cmake --build "$good/cmake-build" --target demo-abi-baseline
grep -q "node DEMO_1.2 open" "$good/abi/libdemo.so.1.abi" || fail "baseline target did not refresh"

# The pkg-config file is relocatable: its paths are inside the DESTDIR tree.
[ "$(realpath "$(PKG_CONFIG_PATH=$(dirname "$pcfile") pkg-config --variable=abiguard abiguard)")" = "$work/root$prefix/bin/abiguard" ] ||
	fail "pkg-config does not name the command"
[ -f "$(PKG_CONFIG_PATH=$(dirname "$pcfile") pkg-config --variable=gcc_plugin abiguard)" ] ||
	fail "pkg-config does not name the GCC plugin"

# The installed command finds its lint helper (when the build has the
# Clang front ends), also in a moved tree, and its other commands do not
# load libclang.
installed=$work/root$prefix/bin/abiguard
if [ -x "$build/cli/abiguard-lint" ]; then
	expect_status 0 "$installed" lint --help
	mv "$work/root" "$work/moved"
	installed=$work/moved$prefix/bin/abiguard
	expect_status 0 "$installed" lint --help
	grep -q "usage: abiguard lint" "$work/out" || fail "lint helper not found after a move"
fi
! ldd "$installed" | grep -q libclang || fail "abiguard links libclang"
echo PASS
