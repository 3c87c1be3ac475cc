# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# libbpf: its own Makefile (src/Makefile); libbpf.map, one node per release
# (LIBBPF_0.0.1 ... LIBBPF_1.5.0), each inheriting from the one before.
# Every source is compiled twice, for the static library and for the shared
# one with -fvisibility=hidden. Options structs carry their size (`sz`) and
# grow at the end from release to release: every `struct *_opts` that its
# exported functions take starts with `size_t sz`, so they are growable.
# The skeleton structs (bpf_map_skeleton, bpf_prog_skeleton, ...) carry
# their size in the struct that holds their array (map_skel_sz,
# prog_skel_sz), so they grow at the end too. The CLI's runs take the key
# from ABIGUARD_OPTIONS, the compiles from the build's options.
SRCPKG=libbpf
RELEASES=(1.1.2-0+deb12u1 1.4.6-1~bpo12+1 1.5.0-3)
NEEDS=(libelf-dev zlib1g-dev)
LIBBPF_GROWABLE='growable=*_opts:bpf_*_skeleton'
export ABIGUARD_OPTIONS=$LIBBPF_GROWABLE

# CFLAGS replaces the Makefile's own default, which has -Werror.
recipe_build() {
	[ -z "${RW_ABIGUARD_OPTIONS:-}" ] ||
		RW_ABIGUARD_OPTIONS="$RW_ABIGUARD_OPTIONS;$LIBBPF_GROWABLE"
	with_abiguard make -C "$SRC/src" -j "$JOBS" OBJDIR="$PWD" \
		CFLAGS="$CFLAGS -Wall -std=gnu89"
}
recipe_install() {
	make -C "$SRC/src" OBJDIR="$PWD" DESTDIR="$1" PREFIX=/usr install_headers
}
recipe_library() { echo libbpf.so.1; }
recipe_version_script() { echo "$SRC/src/libbpf.map"; }
