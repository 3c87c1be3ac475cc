#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Two releases' worth of new nodes in one step (json-c 0.16 to 0.18:
# JSONC_0.17 { ... } JSONC_0.16; JSONC_0.18 { } JSONC_0.17;): the second
# new node inherits from the first, which inherits from the newest released
# node. That chain keeps the order of the releases and is clean; a new node
# that hangs off an older released node is still an error.
source "$(dirname "$0")/lib.bash"
dir=$(copy_example lib)
cd "$dir"
cat >>include/demo.h.new <<'H'
int demo_flush(struct demo *d);
int demo_sync(struct demo *d);
H
sed -i '/^#endif/e cat include/demo.h.new' include/demo.h
cat >src/more.c <<'C'
#include "demo.h"
int demo_flush(struct demo *d) { return d ? 0 : -1; }
int demo_sync(struct demo *d) { return d ? 0 : -1; }
C
cp demo.map demo.map.orig
cat >>demo.map <<'M'

DEMO_1.2 {
	global:
		demo_flush;
} DEMO_1.1;

DEMO_1.3 {
	global:
		demo_sync;
} DEMO_1.2;
M
expect_status 0 make --no-print-directory ABIGUARD_PLUGIN="$plugin" CFLAGS=-fdiagnostics-plain-output
expect_status 0 "$abiguard" check --baseline abi/libdemo.so.1.abi \
	--version-script demo.map build/libdemo.so.1

# DEMO_1.3 off DEMO_1.0 skips the released DEMO_1.1: still an error.
cp demo.map.orig demo.map
cat >>demo.map <<'M'

DEMO_1.2 {
	global:
		demo_flush;
} DEMO_1.1;

DEMO_1.3 {
	global:
		demo_sync;
} DEMO_1.0;
M
rm -rf build
make --no-print-directory ABIGUARD_PLUGIN="$plugin" >/dev/null 2>&1 || true
expect_status 1 "$abiguard" check --baseline abi/libdemo.so.1.abi \
	--version-script demo.map build/libdemo.so.1
grep -q "new version node 'DEMO_1.3' does not inherit from 'DEMO_1.1'.*\[node-parent-not-newest\]" \
	"$work/out" || fail "a node off an older released node was not reported"
echo PASS
