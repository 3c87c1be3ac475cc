#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Quick check of a freshly built GCC plugin, for whoever changes it:
#
#   gcc-plugin/smoke-test.sh BUILD/gcc-plugin/abiguard.so [gcc]
#
# The real tests (rules, diagnostics, whole libraries) are in tests/.
set -euo pipefail

plugin=$(realpath "$1")
cc=${2:-gcc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

mkdir include
cat >include/smoke.h <<'EOF'
struct smoke { int a; union { short s; char c; }; long flex[]; };
typedef struct { unsigned bits : 3; } smoke_flags_t;
int smoke_open(const struct smoke *s, smoke_flags_t f, ...);
extern int smoke_count;
EOF
cat >smoke.c <<'EOF'
#ifndef __ABIGUARD__
#error "__ABIGUARD__ is not defined with the plugin loaded"
#endif
#include "smoke.h"
int smoke_count;
int smoke_open(const struct smoke *s, smoke_flags_t f, ...)
{
	return s->a + f.bits;
}
int smoke_open_v1(void) { return 0; }
__asm__(".symver smoke_open_v1, smoke_open@SMOKE_1");
EOF
echo 'SMOKE_1 { global: smoke_*; local: *; };' >smoke.map

args=(-fplugin="$plugin" -fplugin-arg-abiguard-public=include
	-fplugin-arg-abiguard-mode=record -Iinclude -fPIC)

"$cc" "${args[@]}" -c smoke.c -o smoke.o || fail "compile with the plugin"
readelf -n smoke.o | grep -q ABIGUARD || fail "no ABIGUARD note in the object"

if "$cc" "${args[@]}" -fplugin-arg-abiguard-bogus=1 -c smoke.c \
	-o bogus.o 2>bogus.log; then
	fail "an unknown plugin argument was accepted"
fi
grep -q bogus bogus.log || fail "the error does not name the unknown key"

"$cc" "${args[@]}" -fplugin-arg-abiguard-sidecar="$work/smoke.abg" \
	-fsyntax-only smoke.c || fail "-fsyntax-only with the plugin"
grep -q smoke_open smoke.abg || fail "-fsyntax-only wrote no summary"

"$cc" "${args[@]}" -fplugin-arg-abiguard-mode=off -c smoke.c -o off.o 2>/dev/null &&
	fail "mode=off still defined __ABIGUARD__"

"$cc" "${args[@]}" -flto -c smoke.c -o lto.o || fail "-flto compile"
"$cc" "${args[@]}" -flto -shared -Wl,--version-script=smoke.map lto.o \
	-o libsmoke.so || fail "-flto link with the plugin in the flags"
readelf -n libsmoke.so | grep -q ABIGUARD || fail "no note after an LTO link"

echo "gcc plugin smoke test passed"
