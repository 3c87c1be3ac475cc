#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The real-library corpus: abiguard on real releases of real C libraries,
# each built by its own build system.
#
# For every library (a recipe in libs/NAME.sh) and each of its releases, in
# order:
#   1. get the sources with `apt-get source` (a deb-src entry is added once,
#      beside the deb entries; when the mirror has the upstream tarball but
#      not the Debian part, the tarball alone is used);
#   2. build it without the plugin (the reference time) and install it into
#      a staging directory: the headers it installs are its public headers;
#   3. build it with the plugin in record mode, and record the baseline
#      (`abiguard baseline update`, with the version script when the library
#      has one) twice: the same exit status and the same file both times;
#   4. the fixed point: `abiguard check` of that build against its own
#      baseline, then a build in check mode against it, then `abiguard check`
#      of that build: all clean;
#   5. from the second release on: a build in check mode against the
#      previous release's baseline (every finding of the compile is kept:
#      the rules are lowered to warnings so that the build goes on), then
#      `abiguard check` and `abiguard baseline update` of that build against
#      the previous baseline, with the default severities.
# Everything is written under the work directory; results.md there (one per
# library) lists every exit status, finding and time. The verdicts, with
# the reasoning for each finding, are in docs/realworld.md.
#
# Usage: bench/realworld/run.sh [-c gcc|clang] [LIB...]   (default: every recipe)
# Environment:
#   ABIGUARD_BUILD   the abiguard build tree (default: ./build)
#   REALWORLD_WORK   where sources, builds and results go
#                    (default: ${XDG_CACHE_HOME:-~/.cache}/abiguard-realworld)
#   JOBS             parallel jobs of each library build (default 2)
#   NICE             niceness of the library builds (default 10)
#
# Not part of the test suite: it downloads sources and runs long builds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

compiler=gcc
while getopts c: opt; do
	case $opt in
	c) compiler=$OPTARG ;;
	*) bench_die "usage: $0 [-c gcc|clang] [LIB...]" ;;
	esac
done
shift $((OPTIND - 1))

build=$(bench_build_dir "${ABIGUARD_BUILD:-$repo/build}")
abiguard=$build/cli/abiguard
case $compiler in
gcc) plugin=$build/gcc-plugin/abiguard.so CC=gcc ;;
clang) plugin=$build/clang-plugin/abiguard-clang.so CC=clang ;;
*) bench_die "unknown compiler '$compiler' (gcc or clang)" ;;
esac
[ -f "$plugin" ] || bench_die "$plugin not found: build abiguard first"
[ -x "$abiguard" ] || bench_die "$abiguard not found: build abiguard first"
export CC

work=${REALWORLD_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/abiguard-realworld}
JOBS=${JOBS:-2}
NICE=${NICE:-10}
mkdir -p "$work"
work=$(cd "$work" && pwd)
# One run at a time in a work directory: two would build in the same place.
exec 9>"$work/.lock"
flock -n 9 || bench_die "another run is using $work"

libs=("$@")
if [ ${#libs[@]} -eq 0 ]; then
	for f in "$here"/libs/*.sh; do
		libs+=("$(basename "$f" .sh)")
	done
fi

rw_need_packages
rw_add_deb_src

status=0
for lib in "${libs[@]}"; do
	[ -f "$here/libs/$lib.sh" ] || bench_die "no recipe $here/libs/$lib.sh"
	rw_run_library "$lib" || status=1
done
exit $status
