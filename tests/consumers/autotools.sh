#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An Autotools and libtool consumer (examples/consumers/autotools/) against
# an installed prefix, through pkg-config. libtool compiles the source twice
# (PIC for the shared library, non-PIC for the static one), both with the
# plugin: neither may give a false finding.
source "$(dirname "$0")/lib.bash"

configure() {
	(cd "$1" && autoreconf -fi && mkdir -p b && cd b && ../configure)
}
build() { make -C "$1/b"; }
check() { make -C "$1/b" check; }
baseline() { make -C "$1/b" abi-baseline; }
objects() { find "$1/b" -name 'libfoo_la-*.o'; }

p=$(new_project autotools autotools)
run_consumer "$p"
[ "$(find "$p/b" -name '*.o' | wc -l)" -ge 2 ] ||
	fail "libtool did not compile twice (shared and static)"

step "without abiguard, configure and build still work"
bare=$(new_project bare autotools)
mkdir -p "$work/no-pkgconfig"
PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=$work/no-pkgconfig expect_ok configure "$bare"
expect_ok build "$bare"
expect_ok make -C "$bare/b" check
echo PASS
