#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# As rebuild.sh, with a Meson project that only adds the plugin's flags:
# Meson's ninja rules take the dependencies from the compiler's output, so
# a refreshed baseline fails the next build and an edited version script
# or .abiguard recompiles.
#
#   rebuild-meson.sh EXAMPLE ABIGUARD GCC_PLUGIN CLANG_PLUGIN CC
source "$(dirname "$0")/lib.bash"
command -v meson >/dev/null || skip "meson is not installed"
command -v ninja >/dev/null || skip "ninja is not installed"

prepare_library
echo "# libdemo's abiguard settings" >"$lib/.abiguard"
args=""
for flag in $(plugin_flags); do
	flag=${flag/=abi\//=$lib/abi/}
	flag=${flag/=demo.map/=$lib/demo.map}
	flag=${flag/=include/=$lib/include}
	args+="'$flag', "
done
cat >"$lib/meson.build" <<MESON
project('demo', 'c')
shared_library('demo', 'src/demo.c', 'src/log.c',
  include_directories: 'include', c_args: [$args],
  link_args: ['-Wl,--version-script=' + meson.project_source_root() / 'demo.map'],
  version: '1.0.0')
MESON
expect_status 0 env CC="$cc" meson setup "$lib/out" "$lib"
build() {
	meson compile -C "$lib/out"
}
expect_status 0 build
object=$(find "$lib/out" -name '*demo.c.o' -print -quit)
[ -n "$object" ] || fail "no object for demo.c"

expect_rebuilds "$object" 1
