#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The project's .abiguard file, found like .clang-tidy by walking up from
# the source, configures the plugin (and the CLI) without build-file flags;
# the command line wins over it, and its mistakes are reported with line.
source "$(dirname "$0")/lib.bash"
cases=$(dirname "$0")/../cases

dir=$(copy_example lib)
patch --quiet -p1 -d "$dir" <"$cases/param-type-changed/bad.patch"
cat >"$dir/.abiguard" <<'CONF'
# abiguard settings for libdemo
baseline = abi/libdemo.so.1.abi
version-script = demo.map
public = include
CONF
cd "$dir/src"
expect_status 1 gcc -fdiagnostics-plain-output -I../include -fplugin="$plugin" -c demo.c -o "$work/demo.o"
grep -q "\[released-signature-changed\]" "$work/out" || fail "config file not applied"

# The command line wins: mode=off given there is not overridden.
expect_status 0 gcc -I../include -fplugin="$plugin" -fplugin-arg-abiguard-mode=off -c demo.c -o "$work/demo.o"

echo "severity = released-signature-changed=warning" >>"$dir/.abiguard"
expect_status 0 gcc -fdiagnostics-plain-output -I../include -fplugin="$plugin" -c demo.c -o "$work/demo.o"
grep -q "warning: signature of 'demo_read' changed" "$work/out" || fail "severity from config not applied"

echo "colour = blue" >>"$dir/.abiguard"
expect_status 1 gcc -I../include -fplugin="$plugin" -c demo.c -o "$work/demo.o"
grep -q "\.abiguard:6: unknown option 'colour'" "$work/out" || fail "bad config line not reported with its line"
echo PASS
