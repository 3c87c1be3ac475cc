#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The files the plugin reads are dependencies of the objects it checks:
# with make (or ninja) driven only by the compiler's -MMD output, refreshing
# the baseline, editing the version script or the .abiguard file recompiles
# the objects, and a baseline that the sources break fails the next build.
#
#   rebuild.sh make|ninja EXAMPLE ABIGUARD GCC_PLUGIN CLANG_PLUGIN CC
tool=$1
shift
source "$(dirname "$0")/lib.bash"
command -v "$tool" >/dev/null || skip "$tool is not installed"

prepare_library
echo "# libdemo's abiguard settings" >"$lib/.abiguard"
flags="-fPIC -Wall -Wextra -Iinclude $(plugin_flags)"

# Build files that know nothing of abiguard's inputs: only -MMD says.
cat >"$lib/Makefile.deps" <<MAKE
OBJECTS = out/demo.o out/log.o
out/libdemo.so.1: \$(OBJECTS) demo.map
	$cc -shared -o \$@ \$(OBJECTS) -Wl,-soname,libdemo.so.1 -Wl,--version-script=demo.map
out/%.o: src/%.c
	@mkdir -p out
	$cc $flags -MMD -MP -c \$< -o \$@
-include \$(OBJECTS:.o=.d)
MAKE
cat >"$lib/build.ninja" <<NINJA
rule cc
  command = $cc $flags -MMD -MF \$out.d -c \$in -o \$out
  depfile = \$out.d
  deps = gcc
rule link
  command = $cc -shared -o \$out \$in -Wl,-soname,libdemo.so.1 -Wl,--version-script=demo.map
build out/demo.o: cc src/demo.c
build out/log.o: cc src/log.c
build out/libdemo.so.1: link out/demo.o out/log.o | demo.map
NINJA

build() {
	case $tool in
	make) make --no-print-directory -C "$lib" -f Makefile.deps ;;
	ninja) ninja -C "$lib" ;;
	esac
}

# What the next build would run, without running it.
dry_run() {
	case $tool in
	make) make --no-print-directory -C "$lib" -f Makefile.deps -n ;;
	ninja) ninja -C "$lib" -n -v ;;
	esac
}

# What a failed build exits with.
case $tool in
make) failed=2 ;;
ninja) failed=1 ;;
esac

expect_recompiles() {
	expect_status 0 dry_run
	expect_output "-c src/demo.c" "$1 did not recompile demo.c"
	expect_output "-c src/log.c" "$1 did not recompile log.c"
}

expect_status 0 build
expect_status 0 dry_run
grep -q -- "-c src/" "$work/out" && fail "a second build recompiles"
for dep in abi/libdemo.so.1.abi demo.map "$lib/.abiguard"; do
	grep -qF "$dep" "$lib/out/demo.d" 2>/dev/null ||
		[ "$tool" = ninja ] ||
		{ cat "$lib/out/demo.d" >&2; fail "$dep is not in demo.d"; }
done

# The baseline refreshed (here: back to the committed one, which the
# sources break): the next build recompiles and fails at the declaration.
cp "$original" "$baseline"
expect_recompiles "refreshing the baseline"
expect_status $failed build
expect_output "include/demo.h:25:8: error: 'struct demo_info' grew from 24 to 32 bytes" \
	"the break did not fail the build"
expect_output "[released-type-changed]" "the break did not fail the build"

cp "$accepting" "$baseline"
expect_status 0 build

echo "/* reviewed */" >>"$lib/demo.map"
expect_recompiles "editing the version script"
expect_status 0 build

# The config file now relaxes the rule: the build passes on the committed
# baseline, after recompiling.
cp "$original" "$baseline"
expect_status $failed build
echo "severity = released-type-changed=warning" >>"$lib/.abiguard"
expect_recompiles "editing .abiguard"
expect_status 0 build
expect_output "warning: 'struct demo_info' grew" "the relaxed rule did not warn"
echo PASS
