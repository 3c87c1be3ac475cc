#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installed into GCC's plugin directory, the plugin loads by name:
# -fplugin=abiguard. With GCC's prefix (/usr) the plugin lands in GCC's
# plugin directory. (Installed here under a DESTDIR; -iplugindir points gcc
# at it the way the real directory would be found.)
source "$(dirname "$0")/lib.bash"
build=$(cd "$(dirname "$plugin")/.." && pwd)
prefix=/usr
DESTDIR=$work/root cmake --install "$build" --prefix "$prefix" >/dev/null
plugindir=$work/root$(gcc -print-file-name=plugin)
[ -f "$plugindir/abiguard.so" ] || fail "not installed into GCC's plugin directory"
[ -x "$work/root$prefix/bin/abiguard" ] || fail "abiguard not installed"

dir=$(copy_example lib)
cd "$dir"
expect_status 0 gcc -iplugindir="$plugindir" -fplugin=abiguard \
	-fplugin-arg-abiguard-baseline=abi/libdemo.so.1.abi \
	-fplugin-arg-abiguard-version-script=demo.map \
	-fplugin-arg-abiguard-public=include -Iinclude -c src/demo.c -o "$work/demo.o"
readelf -n "$work/demo.o" >"$work/notes"
grep -q ABIGUARD "$work/notes" || fail "no summary note in the object"
echo PASS
