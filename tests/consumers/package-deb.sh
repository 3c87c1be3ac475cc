#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package, built with `cpack -G DEB` and inspected without
# installing it on this machine: its dependencies, its files, and, unpacked
# with dpkg-deb -x, that -fplugin=abiguard loads by name from where the
# package puts the plugin (gcc -iplugindir points at the unpacked copy of
# GCC's plugin directory), that `man abiguard` finds the manual and that
# pkg-config names files of the package.
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
	{ cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(find "$work/out" -maxdepth 1 -name 'abiguard_*.deb')
[ -f "$deb" ] || fail "no .deb written"

dpkg-deb --field "$deb" Package | grep -qx abiguard || fail "package name"
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libelf1 libjansson4 "gcc-$(gcc -dumpversion | cut -d. -f1)"; do
	grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

gcc_plugins=$(gcc -print-file-name=plugin)
dpkg-deb --contents "$deb" | awk '{print $NF}' >"$work/files"
for f in /usr/bin/abiguard "$gcc_plugins/abiguard.so" \
	/usr/share/man/man1/abiguard.1 /usr/share/man/man5/abiguard-options.5; do
	grep -qx "\.$f" "$work/files" || fail "the package lacks $f"
done
grep -q '^\./usr/lib/.*pkgconfig/abiguard\.pc$' "$work/files" || fail "no abiguard.pc"
grep -q '^\./usr/lib/.*cmake/abiguard/abiguardConfigVersion\.cmake$' "$work/files" ||
	fail "no abiguardConfigVersion.cmake"

dpkg-deb -x "$deb" "$work/root"
cd "$work"
printf 'int foo_answer(void) { return 42; }\n' >t.c
gcc -iplugindir="$work/root$gcc_plugins" -fplugin=abiguard \
	-fplugin-arg-abiguard-mode=record -c t.c -o t.o ||
	fail "-fplugin=abiguard does not load from the package's plugin directory"
readelf -n t.o | grep -q ABIGUARD || fail "no summary note from the packaged plugin"
MANPATH=$work/root/usr/share/man MANWIDTH=80 man abiguard >man.txt 2>&1 ||
	{ cat man.txt >&2; fail "man abiguard"; }
grep -q "abiguard - ABI policy lint" man.txt || fail "man abiguard shows another page"
MANPATH=$work/root/usr/share/man man 5 abiguard-options >/dev/null 2>&1 ||
	fail "man 5 abiguard-options"
pcdir=$(dirname "$(find "$work/root" -name abiguard.pc)")
case $(realpath "$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=gcc_plugin abiguard)") in
"$work/root$gcc_plugins/abiguard.so") ;;
*) fail "pkg-config's gcc_plugin is not the packaged plugin" ;;
esac
"$work/root/usr/bin/abiguard" --version | grep -q '^abiguard ' || fail "abiguard --version"
echo PASS
