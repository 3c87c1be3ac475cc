#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Install the Debian 12 packages abiguard needs, if any is missing.
# Sourced by scripts/demo and scripts/test; safe to run again.
set -euo pipefail

ABIGUARD_PACKAGES=(
	gcc g++ make cmake pkg-config patch
	gcc-12-plugin-dev
	clang-14 libclang-14-dev llvm-14-dev llvm-14-tools libclang-rt-14-dev
	clang-tidy-14 clang-format-14 ninja-build
	libelf-dev elfutils libzstd-dev zstd liblz4-dev lz4
	libjansson-dev libcmocka-dev
	python3 python3-jsonschema time
	meson autoconf automake libtool python3-yaml dpkg-dev groff-base man-db
	ccache icecc
)
# -m32, for the i386 agreement tests; x86-64 machines only.
if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ]; then
	ABIGUARD_PACKAGES+=(gcc-multilib)
fi

abiguard_missing_packages() {
	local p
	for p in "${ABIGUARD_PACKAGES[@]}"; do
		[[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == *"ok installed"* ]] || echo "$p"
	done
}

abiguard_install_deps() {
	local missing
	missing=$(abiguard_missing_packages)
	[ -z "$missing" ] && return 0
	local sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "abiguard: installing missing packages:" $missing
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Configure and build into $1 (default: build), RelWithDebInfo unless the
# further arguments, which go to cmake's configure step, say otherwise.
abiguard_build() {
	local build=${1:-build}
	shift || true
	cmake -S "$ABIGUARD_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
	cmake --build "$build" -j "$(nproc)"
}

ABIGUARD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
