# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# cJSON: CMake; no version script, every export has the base version of
# libcjson.so.1.
SRCPKG=cjson
RELEASES=(1.7.15-1+deb12u4 1.7.18-3.1+deb13u1)
NEEDS=(cmake)

recipe_build() {
	cmake -S "$SRC" -B . -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="$CFLAGS" \
		-DENABLE_CJSON_TEST=OFF -DENABLE_CJSON_UTILS=OFF \
		-DENABLE_CUSTOM_COMPILER_FLAGS=OFF -DBUILD_SHARED_AND_STATIC_LIBS=OFF &&
		with_abiguard cmake --build . -j "$JOBS"
}
recipe_install() { DESTDIR=$1 cmake --install . --prefix /usr; }
recipe_library() { echo libcjson.so.1; }
recipe_version_script() { :; }
