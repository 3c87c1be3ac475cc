#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a unit's summary lists, with an umbrella header that shows every
# unit the whole API: the declarations it defines, with their types; the
# other declarations of the headers it implements, without types; nothing
# of the headers it only includes. And the library check still finds a
# declaration no unit defines.
#
#   summary-scope.sh PROJECT_DIR ABIGUARD PLUGIN CC
source "$(dirname "$0")/lib.bash"
project=$1 abiguard=$2 plugin=$3 cc=$4

cp -r "$project" "$work/p"
mkdir -p "$work/p/build"
cd "$work/p"
for src in src/*.c; do
	unit=$(basename "$src" .c)
	"$cc" -O2 -fPIC -Iinclude -fplugin="$plugin" \
		-fplugin-arg-abiguard-public=include -fplugin-arg-abiguard-mode=record \
		-c "$src" -o "build/$unit.o" || fail "$cc could not compile $src"
	note_payload "build/$unit.o" >"$work/$unit.txt"
done

has() { grep -qxF "$2" "$work/$1.txt" || { cat "$work/$1.txt" >&2; fail "$1.o lacks: $2"; }; }
lacks() { ! grep -q "$2" "$work/$1.txt" || { cat "$work/$1.txt" >&2; fail "$1.o has: $2"; }; }

has alpha "decl func alpha_open defined,public,exported struct alpha *(const char *) at include/umb/alpha.h:5:15"
has alpha "decl func alpha_planned public <unknown> at include/umb/alpha.h:8:5"
lacks alpha "beta_run\|gamma_norm\|struct beta_opts\|struct gamma_point"
has beta "decl func beta_run defined,public,exported int (struct alpha *, const struct beta_opts *) at include/umb/beta.h:9:5"
lacks beta "alpha_\|gamma_"
lacks glue "^decl func"

"$cc" -shared -o build/libumb.so.1 build/*.o -Wl,-soname,libumb.so.1 \
	-Wl,--version-script=umb.map -lm || fail "could not link"
"$abiguard" baseline update --baseline "$work/umb.abi" --version-script umb.map \
	build/libumb.so.1 >/dev/null || fail "baseline update"
# The library model sees the declaration no unit defines: the baseline
# records it as the release left it, and the same library checks clean.
grep -qx "declared func alpha_planned unexported" "$work/umb.abi" ||
	{ cat "$work/umb.abi" >&2; fail "the undefined declaration went unrecorded"; }
"$abiguard" check --baseline "$work/umb.abi" --version-script umb.map \
	build/libumb.so.1 >"$work/out" 2>&1 || { cat "$work/out" >&2; fail "check of the recorded library failed"; }
echo "PASS: $cc: each summary lists what its unit implements"
