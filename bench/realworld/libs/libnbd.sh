# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# libnbd: Autotools and libtool; lib/libnbd.syms, a version script with one
# node per release that adds API (LIBNBD_1.0, LIBNBD_1.2, ... LIBNBD_1.22),
# each inheriting the previous one, `local: *;` in the first. The public
# header include/libnbd.h, the map and lib/api.c are generated from the
# API description (generator/, OCaml) and shipped in the tarball, so the
# build needs no OCaml.
#
# Only the library is built: common/utils (a libtool convenience library
# linked into it whole) and lib/libnbd.la. The language bindings, FUSE,
# ublk and bash completions are disabled; the tools, examples, man pages
# and tests are never built. TLS (GnuTLS) and NBD URIs (libxml2) are kept:
# they are the library's own features, and the map is the same either way.
#
# configure writes the map's path as ${srcdir}/libnbd.syms, relative to the
# top directory, which is right only for an in-tree build (1.14 and 1.22
# alike); make is given the path from the build directory instead.
SRCPKG=libnbd
RELEASES=(1.14.2-1 1.22.2-1)
NEEDS=(libgnutls28-dev libxml2-dev)

recipe_build() {
	"$SRC/configure" --disable-static --disable-ocaml --disable-python \
		--disable-golang --disable-rust --disable-fuse --disable-ublk \
		--without-bash-completions CFLAGS="$CFLAGS" &&
		with_abiguard make -C common/utils -j "$JOBS" &&
		with_abiguard make -C lib -j "$JOBS" libnbd.la \
			VERSION_SCRIPT="-Wl,--version-script=$SRC/lib/libnbd.syms"
}
# The header is all the staging directory needs.
recipe_install() { make -C include DESTDIR="$1" install; }
recipe_library() { echo lib/.libs/libnbd.so.0; }
recipe_version_script() { echo "$SRC/lib/libnbd.syms"; }
