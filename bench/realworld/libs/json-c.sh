# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# json-c: CMake; json-c.sym, a version script with one node per release
# (JSONC_0.14, JSONC_0.15, ...) and JSONC_PRIVATE for historical exports.
# Its build adds -Werror, which would turn the plugin's warnings into
# errors: DISABLE_WERROR keeps the build going so that every finding is seen.
SRCPKG=json-c
RELEASES=(0.16-2 0.18+ds-1)
NEEDS=(cmake)

recipe_build() {
	cmake -S "$SRC" -B . -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="$CFLAGS" \
		-DBUILD_STATIC_LIBS=OFF -DBUILD_TESTING=OFF -DDISABLE_WERROR=ON &&
		with_abiguard cmake --build . -j "$JOBS"
}
recipe_install() { DESTDIR=$1 cmake --install . --prefix /usr; }
recipe_library() { echo libjson-c.so.5; }
recipe_version_script() { echo "$SRC/json-c.sym"; }
