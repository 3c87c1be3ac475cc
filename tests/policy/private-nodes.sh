#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Private nodes in the chain, on a gfapi-shaped library (private-nodes/:
# the header tags and the map of gfapi's first releases, which starts
# with a private node).
#
#   private-nodes.sh ABIGUARD FRONTEND PLUGIN [lint]
#
# Through the development cycles of gfapi 3.7 and later:
# - GFAPI_PRIVATE_3.7.0 { } GFAPI_3.6.0; refreshed (open), then
#   GFAPI_3.7.0 { } GFAPI_PRIVATE_3.7.0; added: clean, and released;
# - a release that only adds a private node (GFAPI_PRIVATE_3.8.0), then
#   a public node over it or over the newest public node: clean; one over
#   an older public node fails, naming the newest public node;
# - a new private node that skips a release warns and builds;
# - changes inside a released private node (a signature, a layout, an
#   enumerator, a variable, an addition, a removal) warn and build, and the fixes they propose are private nodes;
#   the same change to a public function fails, its fix a public node;
# - gfapi's real chain (private-nodes/gfapi-chain.txt), one release per
#   node, is clean at every step.
# With "lint", `abiguard lint` (with the plugin build's flags) says the same
# of the changed signatures.
# shellcheck source=tests/policy/lib.bash
source "$(dirname "$0")/lib.bash"
with_lint=${4:-}

abi=abi/libgfapi.so.0.abi
build() { # DIR MODE: compile (build/compile.log), then link
	local dir=$1 mode=$2
	rm -rf "$dir/build"
	mkdir -p "$dir/build" "$dir/abi"
	# shellcheck disable=SC2086
	(cd "$dir" && $cc -O2 -fPIC -Wall -Iinclude -fplugin="$plugin" \
		-fplugin-arg-abiguard-mode="$mode" \
		-fplugin-arg-abiguard-baseline=$abi \
		-fplugin-arg-abiguard-public=include \
		-fplugin-arg-abiguard-version-script=gfapi.map \
		-c src/glfs.c -o build/glfs.o) 2>"$dir/build/compile.log" ||
		{ cat "$dir/build/compile.log" >&2; fail "${dir##*/}: $mode compile failed"; }
	(cd "$dir" && ${cc%% *} -shared -o build/libgfapi.so.0 build/glfs.o \
		-Wl,-soname,libgfapi.so.0 -Wl,--version-script=gfapi.map) ||
		fail "${dir##*/}: link failed"
}

run() { # WANT DIR CMD...: output in $work/out
	local want=$1 dir=$2 status=0
	shift 2
	(cd "$dir" && "$@") >"$work/out" 2>&1 || status=$?
	[ "$status" = "$want" ] ||
		{ cat "$work/out" >&2; fail "${dir##*/}: '$*' exited $status, want $want"; }
}
check() { run "$1" "$2" "$abiguard" check --baseline $abi --version-script gfapi.map build/libgfapi.so.0; }
update() { run "$1" "$2" "$abiguard" baseline update --baseline $abi --version-script gfapi.map build/libgfapi.so.0; }
release() { run 0 "$1" "$abiguard" baseline release --baseline $abi; }

has() { # FILE TEXT: the line is there
	grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "no '$2'"; }
}
silent() { # DIR: compile and post-link check report nothing
	build "$1" check
	[ -s "$1/build/compile.log" ] && { cat "$1/build/compile.log" >&2; fail "${1##*/}: compile findings"; }
	check 0 "$1"
	[ -s "$work/out" ] && { cat "$work/out" >&2; fail "${1##*/}: post-link findings"; }
	return 0
}
# commit DIR: the refresh of a development cycle (twice: a fixed point)
commit() {
	build "$1" record
	update 0 "$1"
	cp "$1/$abi" "$work/first.abi"
	update 0 "$1"
	cmp -s "$work/first.abi" "$1/$abi" || fail "${1##*/}: the second refresh changed the baseline"
	silent "$1"
}

# lint WANT DIR: abiguard lint of src/glfs.c, with the flags of the plugin
# build in a compilation database; output in $work/out
lint() {
	[ "$with_lint" = lint ] || return 1
	local args
	args="\"${cc%% *}\", \"-O2\", \"-fPIC\", \"-Iinclude\", \"-fplugin=$plugin\", \"-fplugin-arg-abiguard-public=include\", \"-fplugin-arg-abiguard-version-script=gfapi.map\""
	printf '[{"directory": "%s", "arguments": [%s, "-c", "src/glfs.c", "-o", "build/glfs.o"], "file": "src/glfs.c"}]\n' \
		"$2" "$args" >"$2/build/compile_commands.json"
	run "$1" "$2" "$abiguard" lint -p build --baseline $abi src/glfs.c
}

node() { # DIR NAME PARENT SYMBOL: a new node with one new function
	local dir=$1 name=$2 parent=$3 sym=$4 kind=PUBLIC ver
	case $name in GFAPI_PRIVATE_*) kind=PRIVATE ;; esac
	ver=${name#GFAPI_}
	ver=${ver#PRIVATE_}
	printf '\n%s {\n\tglobal:\n\t\t%s;\n} %s;\n' "$name" "$sym" "$parent" >>"$dir/gfapi.map"
	sed -i "s/^#endif/int $sym(glfs_t *fs) GFAPI_$kind($sym, $ver);\n\n#endif/" "$dir/include/glfs.h"
	printf '\nint %s(glfs_t *fs)\n{\n\treturn fs->up;\n}\n' "$sym" >>"$dir/src/glfs.c"
}
variant() { # NAME: a scratch copy of the tree
	rm -rf "${work:?}/$1"
	cp -r "$tree" "$work/$1"
	echo "$work/$1"
}

# ---- gfapi 3.6: the release --------------------------------------------
tree=$work/tree
cp -r "$here/private-nodes" "$tree"
commit "$tree"
release "$tree"

# ---- 3.7: the private node first, refreshed open; then the public one ----
node "$tree" GFAPI_PRIVATE_3.7.0 GFAPI_3.6.0 glfs_h_poll_upcall
commit "$tree"
has "$tree/$abi" "node GFAPI_PRIVATE_3.7.0 open parents GFAPI_3.6.0"
node "$tree" GFAPI_3.7.0 GFAPI_PRIVATE_3.7.0 glfs_dtrt
commit "$tree"
release "$tree"
node "$tree" GFAPI_3.7.4 GFAPI_3.7.0 glfs_upcall_get
commit "$tree"
release "$tree"

# ---- 3.8: a release that adds only a private node -----------------------
node "$tree" GFAPI_PRIVATE_3.8.0 GFAPI_3.7.4 glfs_ctx_sync
commit "$tree"
release "$tree"
for parent in GFAPI_PRIVATE_3.8.0 GFAPI_3.7.4; do
	dir=$(variant "over-$parent")
	node "$dir" GFAPI_3.9.0 "$parent" glfs_lease
	silent "$dir"
done
dir=$(variant over-old)
node "$dir" GFAPI_3.9.0 GFAPI_3.7.0 glfs_lease
build "$dir" check
check 1 "$dir"
has "$work/out" "error: new version node 'GFAPI_3.9.0' does not inherit from 'GFAPI_3.7.4', the newest released public node [node-parent-not-newest]"
has "$work/out" "note: write it as 'GFAPI_3.9.0 { ... } GFAPI_PRIVATE_3.8.0;'"
update 1 "$dir"

# ---- a new private node that skips a release: a warning ----------------
dir=$(variant private-old)
node "$dir" GFAPI_PRIVATE_3.9.0 GFAPI_3.7.0 glfs_xreaddirplus
build "$dir" check
check 0 "$dir"
has "$work/out" "warning: new version node 'GFAPI_PRIVATE_3.9.0' does not inherit from 'GFAPI_3.7.4', the newest released public node [node-parent-not-newest]"
update 0 "$dir"

# ---- changes inside released private nodes warn and build --------------
dir=$(variant private-signature)
sed -i 's/int glfs_h_poll_upcall(glfs_t \*fs)/int glfs_h_poll_upcall(glfs_t *fs, int flags)/' "$dir/include/glfs.h"
sed -i 's/^int glfs_h_poll_upcall(glfs_t \*fs)/int glfs_h_poll_upcall(glfs_t *fs, int flags)/' "$dir/src/glfs.c"
build "$dir" check
has "$dir/build/compile.log" "warning: signature of 'glfs_h_poll_upcall' changed"
check 0 "$dir"
has "$work/out" "warning: signature of 'glfs_h_poll_upcall' changed, but its default version is still 'glfs_h_poll_upcall@@GFAPI_PRIVATE_3.7.0'"
has "$work/out" "list 'glfs_h_poll_upcall' in node 'GFAPI_PRIVATE_3.7.5' (GFAPI_PRIVATE_3.7.5 { global: glfs_h_poll_upcall; } GFAPI_PRIVATE_3.8.0;)"
if lint 0 "$dir"; then
	has "$work/out" "warning: signature of 'glfs_h_poll_upcall' changed"
	has "$work/out" "in node 'GFAPI_PRIVATE_3.7.5'"
fi
update 0 "$dir"

# the same change to a public function: an error, the fix a public node
# (after the newest public node, not after GFAPI_PRIVATE_3.8.0)
dir=$(variant public-signature)
sed -i 's/int glfs_upcall_get(glfs_t \*fs)/int glfs_upcall_get(glfs_t *fs, int flags)/' "$dir/include/glfs.h"
sed -i 's/^int glfs_upcall_get(glfs_t \*fs)/int glfs_upcall_get(glfs_t *fs, int flags)/' "$dir/src/glfs.c"
build "$dir" record
check 1 "$dir"
has "$work/out" "error: signature of 'glfs_upcall_get' changed, but its default version is still 'glfs_upcall_get@@GFAPI_3.7.4'"
has "$work/out" "list 'glfs_upcall_get' in node 'GFAPI_3.7.5' (GFAPI_3.7.5 { global: glfs_upcall_get; } GFAPI_PRIVATE_3.8.0;)"
if lint 1 "$dir"; then
	has "$work/out" "error: signature of 'glfs_upcall_get' changed"
fi
update 1 "$dir"

dir=$(variant private-added)
sed -i 's/^\t\tglfs_ctx_sync;/&\n\t\tglfs_ctx_copy;/' "$dir/gfapi.map"
sed -i 's/^#endif/int glfs_ctx_copy(glfs_t *fs) GFAPI_PRIVATE(glfs_ctx_copy, 3.8.0);\n\n#endif/' "$dir/include/glfs.h"
printf '\nint glfs_ctx_copy(glfs_t *fs)\n{\n\treturn fs->up;\n}\n' >>"$dir/src/glfs.c"
build "$dir" check
has "$dir/build/compile.log" "warning: 'glfs_ctx_copy' was added to version node 'GFAPI_PRIVATE_3.8.0', which is already released"
check 0 "$dir"
has "$work/out" "add it to node 'GFAPI_PRIVATE_3.7.5' instead"
update 0 "$dir"

# a type and an enum only the private node's function sees
dir=$(variant private-type)
sed -i 's/^\tint reason;/\tlong cookie;\n&/' "$dir/include/glfs.h"
sed -i 's/GLFS_UPCALL_NONE, /GLFS_UPCALL_NONE, GLFS_UPCALL_RECALL_LEASE, /' "$dir/include/glfs.h"
build "$dir" check
has "$dir/build/compile.log" "warning: 'struct glfs_upcall_event' grew from 8 to 16 bytes; affects 'glfs_process_upcall_event@@GFAPI_PRIVATE_3.4.0' [released-type-changed]"
has "$dir/build/compile.log" "in node 'GFAPI_PRIVATE_3.7.5' (e.g. 'glfs_process_upcall_event@@GFAPI_PRIVATE_3.7.5')"
has "$dir/build/compile.log" "warning: enumerator 'GLFS_UPCALL_INODE_INVALIDATE' of 'enum glfs_upcall_reason' changed value from 1 to 2"
grep -q "error:" "$dir/build/compile.log" && { cat "$dir/build/compile.log" >&2; fail "private-type: an error"; }
check 0 "$dir"
update 0 "$dir"

# a variable of a private node
dir=$(variant private-variable)
sed -i 's/^extern long glfs_upcall_count/extern int glfs_upcall_count/' "$dir/include/glfs.h"
sed -i 's/^long glfs_upcall_count;/int glfs_upcall_count;/' "$dir/src/glfs.c"
build "$dir" check
has "$dir/build/compile.log" "warning: type of exported variable 'glfs_upcall_count' changed"
check 0 "$dir"
has "$work/out" "[released-variable-changed]"
grep -q "error:" "$work/out" && { cat "$work/out" >&2; fail "private-variable: an error"; }
update 0 "$dir"

dir=$(variant private-removed)
sed -i '/glfs_process_upcall_event/d' "$dir/include/glfs.h" "$dir/gfapi.map"
sed -i '/^int glfs_process_upcall_event/,/^}/d' "$dir/src/glfs.c"
build "$dir" check
check 0 "$dir"
has "$work/out" "warning: 'glfs_process_upcall_event@@GFAPI_PRIVATE_3.4.0' was removed"
grep -q "error:" "$work/out" && { cat "$work/out" >&2; fail "private-removed: an error"; }
update 0 "$dir"
# ---- gfapi's real chain, release by release ---------------------------
# Each node of gfapi.map added in its turn (private nodes between public
# ones, and at the root) is clean: post-link check, refresh, release.
hist=$work/history
mkdir -p "$hist/include" "$hist/src"
printf '/* SPDX-License-Identifier: GPL-3.0-or-later */\n' >"$hist/include/glfs.h"
printf '/* SPDX-License-Identifier: GPL-3.0-or-later */\n#include "glfs.h"\n' >"$hist/src/glfs.c"
: >"$hist/gfapi.map"
while read -r name parent syms; do
	case $name in '#'*) continue ;; esac
	{
		printf '\n%s {\n' "$name"
		[ -n "$syms" ] && printf '\tglobal:\n'
		for sym in $syms; do printf '\t\t%s;\n' "$sym"; done
		[ "$parent" = - ] && printf '\tlocal: *;\n'
		if [ "$parent" = - ]; then printf '};\n'; else printf '} %s;\n' "$parent"; fi
	} >>"$hist/gfapi.map"
	for sym in $syms; do
		printf 'int %s(void);\n' "$sym" >>"$hist/include/glfs.h"
		printf 'int %s(void)\n{\n\treturn 0;\n}\n' "$sym" >>"$hist/src/glfs.c"
	done
	build "$hist" record
	if [ -f "$hist/$abi" ]; then
		check 0 "$hist"
		grep -q "node-parent-not-newest" "$work/out" && { cat "$work/out" >&2; fail "history: $name"; }
	fi
	update 0 "$hist"
	release "$hist"
done <"$here/private-nodes/gfapi-chain.txt"
has "$hist/$abi" "node GFAPI_11.0 released parents GFAPI_7.0"
echo "private-nodes ($frontend): ok"
