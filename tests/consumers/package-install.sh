#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installed into any prefix, with DESTDIR, or moved afterwards, the
# pkg-config file and the CMake package name files that exist in the tree
# they are in; a plugin directory configured absolute is recorded as such.
set -euo pipefail
build=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# pc_paths TREE: every path variable of TREE's abiguard.pc exists in TREE.
pc_paths() {
	local tree=$1 pcdir var value
	pcdir=$(dirname "$(find "$tree" -name abiguard.pc)")
	for var in abiguard gcc_plugin gcc_plugin_dir clang_plugin \
		clang_tidy_module lint_helper; do
		value=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=$var abiguard)
		case $var in clang* | lint*) [ -n "$value" ] || continue ;; esac
		[ -e "$value" ] || fail "$tree: pkg-config's $var '$value' does not exist"
		case $(realpath "$value") in
		"$(realpath "$tree")"/*) ;;
		*) fail "$tree: pkg-config's $var '$value' is outside the tree" ;;
		esac
	done
	[ "$(PKG_CONFIG_PATH=$pcdir pkg-config --modversion abiguard)" = \
		"$("$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=abiguard abiguard)" --version | cut -d' ' -f2)" ] ||
		fail "$tree: pkg-config's version is not the command's"
}

# cmake_paths TREE: the same for find_package(abiguard 0.1).
cmake_paths() {
	local tree=$1 q=$work/query
	mkdir -p "$q"
	cat >"$q/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(query NONE)
find_package(abiguard 0.1 REQUIRED)
foreach(var EXECUTABLE GCC_PLUGIN GCC_PLUGIN_DIR CLANG_PLUGIN TIDY_MODULE LINT_HELPER)
  message(STATUS "abiguard_${var}=${abiguard_${var}}")
endforeach()
CM
	rm -rf "$q/b"
	cmake -S "$q" -B "$q/b" -DCMAKE_PREFIX_PATH="$tree" >"$work/cmake.out" ||
		{ cat "$work/cmake.out" >&2; fail "$tree: find_package(abiguard 0.1) failed"; }
	sed -n 's/^-- abiguard_[A-Z_]*=//p' "$work/cmake.out" | while read -r value; do
		[ -z "$value" ] && continue
		[ -e "$value" ] || fail "$tree: the CMake package names '$value', which does not exist"
		case $(realpath "$value") in
		"$(realpath "$tree")"/*) ;;
		*) fail "$tree: the CMake package names '$value', outside the tree" ;;
		esac
	done
}

echo "== --prefix"
cmake --install "$build" --prefix "$work/p" >/dev/null
pc_paths "$work/p"
cmake_paths "$work/p"
plugin=$(find "$work/p" -name abiguard.so -path '*gcc*')
[ -n "$plugin" ] || fail "the GCC plugin is not inside the prefix"

echo "== DESTDIR"
DESTDIR=$work/root cmake --install "$build" --prefix /opt/abiguard >/dev/null
[ -x "$work/root/opt/abiguard/bin/abiguard" ] || fail "DESTDIR install: no abiguard"
pc_paths "$work/root/opt/abiguard"
cmake_paths "$work/root/opt/abiguard"

echo "== a moved tree"
mv "$work/p" "$work/moved"
pc_paths "$work/moved"
cmake_paths "$work/moved"
pcdir=$(dirname "$(find "$work/moved" -name abiguard.pc)")
printf 'int foo_answer(void) { return 42; }\n' >"$work/t.c"
gcc -fplugin="$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=gcc_plugin abiguard)" \
	-fplugin-arg-abiguard-mode=record -c "$work/t.c" -o "$work/t.o" ||
	fail "the moved plugin does not load"
readelf -n "$work/t.o" | grep -q ABIGUARD || fail "no summary from the moved plugin"

echo "== an absolute plugin directory, outside the prefix"
cmake -S "$root" -B "$work/abs" -DABIGUARD_BUILD_TESTS=OFF -DABIGUARD_CLANG=OFF \
	-DCMAKE_INSTALL_PREFIX=/opt/abiguard \
	-DABIGUARD_GCC_PLUGIN_DIR=/opt/gcc/plugin >"$work/abs.out" ||
	{ cat "$work/abs.out" >&2; fail "configure with an absolute plugin directory"; }
grep -qx 'gcc_plugin_dir=/opt/gcc/plugin' "$work/abs/abiguard.pc" ||
	fail "abiguard.pc does not record the absolute plugin directory"
grep -q 'set(_abiguard_gcc_plugin_dir "/opt/gcc/plugin")' "$work/abs/abiguardConfig.cmake" ||
	fail "abiguardConfig.cmake does not record the absolute plugin directory"
grep -q '^prefix=${pcfiledir}/' "$work/abs/abiguard.pc" ||
	fail "the rest of abiguard.pc is not relocatable"
echo PASS
