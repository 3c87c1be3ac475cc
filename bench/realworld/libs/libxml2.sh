# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# libxml2: Autotools and libtool, 44 units of the library and xmllint;
# libxml2.syms, a version script with a node per release (LIBXML2_2.4.30
# ... LIBXML2_2.9.x), each inheriting the previous one, passed to the
# linker by the Makefile; xmlversion.h is generated into the build
# directory. Debian 13's package is 2.9.14 again (Debian's "really2.9.14")
# with more security patches than Debian 12's.
#
# Only the library and xmllint are built: `make` alone would also build the
# examples and docs. The Debian patches touch Makefile.am; without
# --disable-maintainer-mode make would run automake again. Python, ICU and
# LZMA are left out: they add build dependencies, not exports (the map is
# the same either way).
#
# libxml2.syms has no `local: *;`: what it does not list is exported at the
# base version. 2.9.14 exports 96 such names (the thread-local accessors
# __xmlGenericError() and the like that globals.h's macros call, the xmlBuf
# helpers, ...), as Debian's own package does. The first `baseline update`
# refuses that (symbol-unversioned); the release cannot change it, so the
# recipe accepts each of them by name (libxml2.unversioned, one a line),
# for the CLI's runs (ABIGUARD_OPTIONS) and the compiles (the build's
# options). A new unversioned export is still an error.
SRCPKG=libxml2
RELEASES=(2.9.14+dfsg-1.3~deb12u6 2.12.7+dfsg+really2.9.14-2.1+deb13u3)
NEEDS=(zlib1g-dev)
LIBXML2_ACCEPTED=$(awk '{
	printf "%saccept=symbol-unversioned:%s:libxml2.syms has no local: *, 2.9.14 exports it unversioned", s, $1
	s = ";"
}' "$(dirname "${BASH_SOURCE[0]}")/libxml2.unversioned")
# Built by Clang, threads.c's `#pragma weak pthread_equal` turns the
# definition that glibc's pthread.h gives inline into a weak one, which
# the library exports; GCC leaves it undefined.
LIBXML2_ACCEPTED="$LIBXML2_ACCEPTED;accept=symbol-unversioned:pthread_equal:Clang emits glibc's inline pthread_equal as a weak definition (threads.c's pragma weak)"
export ABIGUARD_OPTIONS=$LIBXML2_ACCEPTED

recipe_build() {
	[ -z "${RW_ABIGUARD_OPTIONS:-}" ] ||
		RW_ABIGUARD_OPTIONS="$RW_ABIGUARD_OPTIONS;$LIBXML2_ACCEPTED"
	"$SRC/configure" --disable-maintainer-mode --disable-static \
		--without-python --without-icu --without-lzma CFLAGS="$CFLAGS" &&
		with_abiguard make -j "$JOBS" libxml2.la xmllint
}
# The headers are all the staging directory needs.
recipe_install() { make -C include DESTDIR="$1" install; }
recipe_library() { echo .libs/libxml2.so.2; }
recipe_version_script() { echo "$SRC/libxml2.syms"; }
