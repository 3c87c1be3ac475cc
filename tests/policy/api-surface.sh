#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The baseline records the API surface the release left.
#
#   api-surface.sh ABIGUARD FRONTEND PLUGIN
#
# The release of api-surface/ declares 'as_cloze' in its header and lists
# it in AS_1.0, but never defines it. Its baseline records that state:
# the unchanged next commit compiles, checks and refreshes clean (twice,
# same bytes). Adding a name to the released node's block fails the
# compile (when a header declares it), the post-link check and the
# refresh, with or without a definition.
# shellcheck source=tests/policy/lib.bash
source "$(dirname "$0")/lib.bash"

build() { # DIR MODE: compile (compile.log), link when it compiles
	local dir=$1 mode=$2 status=0 src
	rm -rf "$dir/build"
	mkdir -p "$dir/build"
	for src in "$dir"/src/*.c; do
		# shellcheck disable=SC2086
		(cd "$dir" && $cc -O2 -fPIC -Wall -Iinclude -fplugin="$plugin" \
			-fplugin-arg-abiguard-mode="$mode" \
			-fplugin-arg-abiguard-baseline=abi/libas.so.1.abi \
			-fplugin-arg-abiguard-public=include \
			-fplugin-arg-abiguard-version-script=as.map \
			-c "src/${src##*/}" -o "build/$(basename "$src" .c).o") \
			2>>"$dir/build/compile.log" || status=1
	done
	[ $status = 0 ] || return 1
	(cd "$dir" && ${cc%% *} -shared -o build/libas.so.1 build/*.o \
		-Wl,-soname,libas.so.1 -Wl,--version-script=as.map) ||
		fail "link failed"
}

run() { # WANT DIR CMD...
	local want=$1 dir=$2 status=0
	shift 2
	(cd "$dir" && "$@") >"$work/out" 2>&1 || status=$?
	[ "$status" = "$want" ] ||
		{ cat "$work/out" >&2; fail "'$*' exited $status, want $want"; }
}
check() { run "$1" "$2" "$abiguard" check --baseline abi/libas.so.1.abi --version-script as.map build/libas.so.1; }
update() { run "$1" "$2" "$abiguard" baseline update --baseline abi/libas.so.1.abi --version-script as.map build/libas.so.1; }

# ---- the release, and the unchanged next commit ------------------------
old=$work/old
cp -r "$here/api-surface" "$old"
mkdir -p "$old/abi"
build "$old" record || { cat "$old/build/compile.log" >&2; fail "record build"; }
update 0 "$old"
for line in "listed as_cloze@AS_1.0" "declared func as_cloze unexported" "declared func as_open"; do
	grep -qx "$line" "$old/abi/libas.so.1.abi" || { cat "$old/abi/libas.so.1.abi" >&2; fail "baseline lacks '$line'"; }
done
cp "$old/abi/libas.so.1.abi" "$work/first.abi"
update 0 "$old"
cmp -s "$work/first.abi" "$old/abi/libas.so.1.abi" || fail "the second refresh changed the baseline"
build "$old" check || { cat "$old/build/compile.log" >&2; fail "the unchanged commit does not compile"; }
[ -s "$old/build/compile.log" ] && { cat "$old/build/compile.log" >&2; fail "the unchanged commit: findings"; }
check 0 "$old"
[ -s "$work/out" ] && { cat "$work/out" >&2; fail "the unchanged library: findings"; }

# add NAME DECLARE DEFINE: list NAME in the released AS_1.0
add() {
	local name=$1 declare=$2 define=$3 dir=$work/add-$1
	rm -rf "$dir"
	cp -r "$old" "$dir"
	sed -i "s/^\t\tas_cloze;$/\t\tas_cloze;\n\t\t$name;/" "$dir/as.map"
	[ "$declare" = yes ] && sed -i "s/^int as_cloze(int fd);$/int as_cloze(int fd);\nint $name(int fd);/" "$dir/include/as.h"
	[ "$define" = yes ] && printf '\nint %s(int fd)\n{\n\treturn fd;\n}\n' "$name" >>"$dir/src/as.c"
	if [ "$declare" = yes ]; then
		build "$dir" check && fail "$name: the compile passed"
		grep -q "^include/as.h:[0-9]*:[0-9]*: error: '$name' was added to version node 'AS_1.0', which is already released \[symbol-added-to-released-node\]" \
			"$dir/build/compile.log" || { cat "$dir/build/compile.log" >&2; fail "$name: not reported at the declaration"; }
	fi
	build "$dir" record || { cat "$dir/build/compile.log" >&2; fail "$name: record build"; }
	check 1 "$dir"
	grep -q "error: '$name' was added to version node 'AS_1.0'.*\[symbol-added-to-released-node\]" "$work/out" ||
		{ cat "$work/out" >&2; fail "$name: check did not report it"; }
	update 1 "$dir"
	cmp -s "$work/first.abi" "$dir/abi/libas.so.1.abi" || fail "$name: the refused refresh wrote the baseline"
}
add as_defined yes yes
add as_undefined yes no
add as_map_only no no
echo "PASS: api-surface ($frontend)"
