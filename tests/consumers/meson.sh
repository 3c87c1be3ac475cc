#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A Meson consumer (examples/consumers/meson/meson.build) against an
# installed prefix, through pkg-config; and the same project configured on
# a machine without abiguard (`required: false` must not fail).
source "$(dirname "$0")/lib.bash"

configure() { meson setup "$1/b" "$1"; }
build() { meson compile -C "$1/b"; }
check() { meson test -C "$1/b" --print-errorlogs; }
baseline() { meson compile -C "$1/b" abi-baseline; }
objects() { find "$1/b" -path '*/libfoo.so*.p/*' -name '*.o'; }

p=$(new_project meson meson)
run_consumer "$p"

step "without abiguard, configure and build still work"
bare=$(new_project bare meson)
mkdir -p "$work/no-pkgconfig"
PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=$work/no-pkgconfig expect_ok configure "$bare"
expect_output "Run-time dependency abiguard found: NO" "abiguard was found"
expect_ok build "$bare"
echo PASS
