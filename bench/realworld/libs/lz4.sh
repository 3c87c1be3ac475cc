# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# LZ4: its own Makefile (lib/Makefile), which compiles every source of the
# shared library in one compiler command, with -fvisibility=hidden; no
# version script: every export has the base version of liblz4.so.1. The
# public headers also declare, behind LZ4_STATIC_LINKING_ONLY, functions
# that only the static library offers.
SRCPKG=lz4
RELEASES=(1.9.4-1 1.10.0-4)
NEEDS=()

# The Makefile builds in its source directory, and lib/Makefile includes
# ../Makefile.inc: a copy of the sources is built.
recipe_build() {
	cp -a "$SRC/." . &&
		with_abiguard make -C lib -j "$JOBS" BUILD_STATIC=no CFLAGS="$CFLAGS" liblz4
}
recipe_install() {
	make -C lib DESTDIR="$1" prefix=/usr BUILD_STATIC=no install
}
recipe_library() { echo lib/liblz4.so.1; }
recipe_version_script() { :; }
