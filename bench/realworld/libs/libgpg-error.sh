# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# libgpg-error: Autotools and libtool; src/gpg-error.vers, one node
# GPG_ERROR_1.0 that every release extends; the public headers gpg-error.h
# and gpgrt.h are generated into the build directory.
SRCPKG=libgpg-error
RELEASES=(1.46-1 1.51-4)
NEEDS=()

recipe_build() {
	"$SRC/configure" --disable-doc --disable-tests --disable-nls \
		--disable-languages --disable-static CFLAGS="$CFLAGS" &&
		with_abiguard make -j "$JOBS"
}
recipe_install() { make DESTDIR="$1" install; }
recipe_library() { echo src/.libs/libgpg-error.so.0; }
recipe_version_script() { echo "$SRC/src/gpg-error.vers"; }
