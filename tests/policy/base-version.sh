#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Exports with only the base version are released ABI.
#
#   base-version.sh ABIGUARD FRONTEND PLUGIN SCRIPT [lint]
#
# FRONTEND is gcc or clang (PLUGIN its plugin); SCRIPT is "none" (the
# library has no version script) or "anonymous" ({ global: ...; local: *; }).
# The library of base-version/ is recorded; then each of four changes (a
# parameter type, a struct that grows, an enumerator that moves, a
# variable's type) must fail the compile at the declaration, fail
# `abiguard check` and make `baseline update` refuse (file untouched); with
# a soname bump the same change passes all three. A change of an internal
# entry point (`_bv_init`, or `bv_debug_level`, declared only in a private
# header) is a warning, never an error. With "lint", `abiguard lint` (the
# Clang converter the clang-tidy module shares) must find each change too.
# shellcheck source=tests/policy/lib.bash
source "$(dirname "$0")/lib.bash"
script=$4
with_lint=${5:-}
test_label="base-version ($frontend, $script)"
cc_name=$frontend
map=() plugin_map=()
if [ "$script" = anonymous ]; then
	map=(--version-script anonymous.map)
	plugin_map=(-fplugin-arg-abiguard-version-script=anonymous.map)
fi

# build DIR MODE SONAME: compile with the plugin, link; compile.log
build() {
	local dir=$1 mode=$2 soname=$3 status=0
	rm -rf "$dir/build"
	mkdir -p "$dir/build"
	# shellcheck disable=SC2086
	(cd "$dir" && $cc -O2 -fPIC -Wall -Iinclude -fplugin="$plugin" \
		-fplugin-arg-abiguard-mode="$mode" \
		-fplugin-arg-abiguard-baseline="abi/$soname.abi" \
		-fplugin-arg-abiguard-public=include ${plugin_map[@]+"${plugin_map[@]}"} \
		-c src/bv.c -o build/bv.o) 2>"$dir/build/compile.log" || status=1
	[ $status = 0 ] || return 1
	local ld=()
	[ "$script" = anonymous ] && ld=(-Wl,--version-script=anonymous.map)
	(cd "$dir" && ${cc%% *} -shared -o "build/$soname" build/bv.o \
		-Wl,-soname,"$soname" ${ld[@]+"${ld[@]}"}) ||
		fail "link failed"
}

# run WANT DIR CMD...: run in DIR, output in $work/out, check the status
run() {
	local want=$1 dir=$2 status=0
	shift 2
	(cd "$dir" && "$@") >"$work/out" 2>&1 || status=$?
	[ "$status" = "$want" ] ||
		{ cat "$work/out" >&2; fail "'$*' exited $status, want $want"; }
}

# lint WANT DIR: abiguard lint of src/bv.c against libbv.so.1's baseline,
# with the flags of the plugin build in a compilation database
lint() {
	[ "$with_lint" = lint ] || return 0
	local want=$1 dir=$2 args a
	args="\"$cc_name\", \"-O2\", \"-fPIC\", \"-Iinclude\", \"-fplugin=$plugin\", \"-fplugin-arg-abiguard-public=include\""
	for a in ${plugin_map[@]+"${plugin_map[@]}"}; do args+=", \"$a\""; done
	mkdir -p "$dir/build"
	printf '[{"directory": "%s", "arguments": [%s, "-c", "src/bv.c", "-o", "build/bv.o"], "file": "src/bv.c"}]\n' \
		"$dir" "$args" >"$dir/build/compile_commands.json"
	run "$want" "$dir" "$abiguard" lint -p build --baseline abi/libbv.so.1.abi src/bv.c
}

update() { # WANT DIR SONAME
	run "$1" "$2" "$abiguard" baseline update --baseline "abi/$3.abi" \
		${map[@]+"${map[@]}"} "build/$3"
}

check() { # WANT DIR SONAME [BASELINE-SONAME]
	run "$1" "$2" "$abiguard" check --baseline "abi/${4:-$3}.abi" \
		${map[@]+"${map[@]}"} "build/$3"
}

# ---- the release -----------------------------------------------------
old=$work/old
cp -r "$here/base-version" "$old"
mkdir -p "$old/abi"
build "$old" record libbv.so.1 || { cat "$old/build/compile.log" >&2; fail "record build"; }
update 0 "$old" libbv.so.1
grep -q '^func bv_read int (void \*, unsigned int)$' "$old/abi/libbv.so.1.abi" ||
	fail "the base-version function is not recorded"
build "$old" check libbv.so.1 || { cat "$old/build/compile.log" >&2; fail "unchanged sources do not compile clean"; }
[ -s "$old/build/compile.log" ] && { cat "$old/build/compile.log" >&2; fail "unchanged sources: findings"; }
lint 0 "$old"
check 0 "$old" libbv.so.1
# bv_debug_level is exported and declared in no public header: a warning
# that says how to hide it; _bv_init matches the internal pattern.
grep -v -e "bv_debug_level" -e ": note: if it is internal" "$work/out" | grep -q . && { cat "$work/out" >&2; fail "unchanged library: findings"; }

# change NAME RULE LINE SED-EXPR...: the change applied to header and
# source, then the three verdicts, then the same with a soname bump.
change() {
	local name=$1 rule=$2 line=$3
	shift 3
	local dir=$work/$name
	rm -rf "$dir"
	cp -r "$old" "$dir"
	local e
	for e in "$@"; do sed -i "$e" "$dir/include/bv.h" "$dir/src/bv.c"; done
	cmp -s "$old/include/bv.h" "$dir/include/bv.h" && fail "$name: the change did not apply"

	# The compile fails at the declaration in the public header.
	if build "$dir" check libbv.so.1; then
		cat "$dir/build/compile.log" >&2
		fail "$name: the compile did not fail"
	fi
	grep -q "^include/bv.h:$line:[0-9]*: error: .*\[$rule\]" "$dir/build/compile.log" ||
		{ cat "$dir/build/compile.log" >&2; fail "$name: no [$rule] error at include/bv.h:$line"; }
	grep -q "bump the soname" "$dir/build/compile.log" ||
		{ cat "$dir/build/compile.log" >&2; fail "$name: the action is not named"; }
	if [ "$with_lint" = lint ]; then
		lint 1 "$dir"
		grep -q "^include/bv.h:$line:[0-9]*: error: .*\[$rule\]" "$work/out" ||
			{ cat "$work/out" >&2; fail "$name: lint: no [$rule] error at include/bv.h:$line"; }
	fi

	# After the link, and the refresh.
	build "$dir" record libbv.so.1 || fail "$name: record build"
	check 1 "$dir" libbv.so.1
	grep -q "error: .*\[$rule\]" "$work/out" || { cat "$work/out" >&2; fail "$name: check without [$rule]"; }
	cp "$dir/abi/libbv.so.1.abi" "$work/before.abi"
	update 1 "$dir" libbv.so.1
	grep -q "\[$rule\]" "$work/out" || { cat "$work/out" >&2; fail "$name: update refused without [$rule]"; }
	cmp -s "$work/before.abi" "$dir/abi/libbv.so.1.abi" || fail "$name: the refused update wrote the baseline"

	# A soname bump starts a new baseline: the change passes.
	build "$dir" record libbv.so.2 || fail "$name: record build (bump)"
	check 0 "$dir" libbv.so.2 libbv.so.1
	update 0 "$dir" libbv.so.2
	build "$dir" check libbv.so.2 || { cat "$dir/build/compile.log" >&2; fail "$name: bumped library does not compile clean"; }
	[ -s "$dir/build/compile.log" ] && { cat "$dir/build/compile.log" >&2; fail "$name: bumped library: findings"; }
	check 0 "$dir" libbv.so.2
	return 0
}

change param released-signature-changed 17 \
	's/int bv_read(void \*buf, unsigned n)/int bv_read(void *buf, unsigned long n)/'
change struct-growth released-type-changed 6 \
	's/^\tint level;$/\tint level;\n\tlong reserved;/'
change enumerator enumerator-changed 11 \
	's/enum bv_mode { BV_READ, BV_WRITE };/enum bv_mode { BV_READ, BV_APPEND, BV_WRITE };/'
change variable released-variable-changed 13 \
	's/^extern int bv_counter;/extern long bv_counter;/' 's/^int bv_counter;/long bv_counter;/'

# ---- internal entry points: reported, never fatal -------------------------
dir=$work/internal
cp -r "$old" "$dir"
sed -i 's/int _bv_init(int argc)/int _bv_init(long argc)/; s/int bv_debug_level(int level)/int bv_debug_level(long level)/' \
	"$dir/src/internal.h" "$dir/src/bv.c"
build "$dir" check libbv.so.1 || { cat "$dir/build/compile.log" >&2; fail "internal: the compile failed"; }
for f in _bv_init bv_debug_level; do
	grep -q "warning: signature of '$f' changed.*\[released-signature-changed\]" "$dir/build/compile.log" ||
		{ cat "$dir/build/compile.log" >&2; fail "internal: no warning for $f"; }
done
build "$dir" record libbv.so.1 || fail "internal: record build"
check 0 "$dir" libbv.so.1
grep -q "warning: signature of '_bv_init' changed" "$work/out" || { cat "$work/out" >&2; fail "internal: check without the warning"; }
grep -q "'_bv_init' .*exported-not-declared" "$work/out" && { cat "$work/out" >&2; fail "internal: exported-not-declared fired for _bv_init"; }
update 0 "$dir" libbv.so.1
# internal=none: a leading underscore no longer marks an export internal,
# so an undeclared one is exported-not-declared again.
run 0 "$dir" "$abiguard" check --internal none --baseline abi/libbv.so.1.abi \
	${map[@]+"${map[@]}"} build/libbv.so.1
grep -q "'_bv_init' is exported but no public header declares it \[exported-not-declared\]" "$work/out" ||
	{ cat "$work/out" >&2; fail "internal=none: _bv_init not reported"; }
echo "PASS: base-version ($frontend, $script)"
