#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A public header the build generates is named in public= before it exists
# (libgpg-error compiles helper programs with its own CFLAGS before it makes
# gpg-error.h): the early compiles go on, and once the header exists it is
# public like any other. A public path whose directory does not exist is
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

# Generated now: it is public, so the post-link check knows its function.
cat >gen/demo-gen.h <<'H'
int demo_generated(void);
H
cat >src/gen.c <<'C'
#include "../gen/demo-gen.h"
int demo_generated(void) { return 1; }
C
sed -i 's/demo_read;/demo_read;\n\t\tdemo_generated;/' demo.map
expect_status 0 gcc -fdiagnostics-plain-output -fPIC -Iinclude -fplugin="$plugin" \
	-fplugin-arg-abiguard-mode=record -fplugin-arg-abiguard-public=include:gen/demo-gen.h \
	-fplugin-arg-abiguard-version-script=demo.map -c src/gen.c -o "$work/gen.o"
"$abiguard" dump "$work/gen.o" >"$work/dump" 2>&1 || true
grep -q 'demo_generated' "$work/dump" || { cat "$work/dump" >&2; fail "the generated header's function was not recorded"; }

expect_status 1 gcc -fdiagnostics-plain-output -fplugin="$plugin" \
	-fplugin-arg-abiguard-public=no-such-dir/demo-gen.h -c "$work/helper.c" -o "$work/helper.o"
grep -q "no-such-dir/demo-gen.h: public header path does not exist" "$work/out" ||
	fail "a public path in a missing directory was not named"
echo PASS
