#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A public header the build generates is named in public= before it exists
# (libgpg-error compiles helper programs with its own CFLAGS before it makes
# gpg-error.h): the early compiles go on, and once the header exists the
# option works as before. A public path whose directory does not exist is
# still an error that names it.
source "$(dirname "$0")/lib.bash"
dir=$(copy_example lib)
cd "$dir"
mkdir -p gen
echo 'int helper_main(void) { return 0; }' >"$work/helper.c"
expect_status 0 gcc -fdiagnostics-plain-output -fplugin="$plugin" \
	-fplugin-arg-abiguard-mode=record -fplugin-arg-abiguard-public=include:gen/demo-gen.h \
	-c "$work/helper.c" -o "$work/helper.o"
grep -q 'error' "$work/out" && fail "a header not generated yet was an error"

# Generated now: the same option still works.
echo 'int demo_generated(void);' >gen/demo-gen.h
expect_status 0 gcc -fdiagnostics-plain-output -fplugin="$plugin" \
	-fplugin-arg-abiguard-mode=record -fplugin-arg-abiguard-public=include:gen/demo-gen.h \
	-c "$work/helper.c" -o "$work/helper.o"

expect_status 1 gcc -fdiagnostics-plain-output -fplugin="$plugin" \
	-fplugin-arg-abiguard-public=no-such-dir/demo-gen.h -c "$work/helper.c" -o "$work/helper.o"
grep -q "no-such-dir/demo-gen.h: public header path does not exist" "$work/out" ||
	fail "a public path in a missing directory was not named"
echo PASS
