#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Forward compatibility of a library without version nodes, NetBSD's way:
# the minor version in the file name (minor-bump/: libfoo.so.0.0, soname
# libfoo.so.0, installed behind the symlink libfoo.so.0).
#
#   minor-bump.sh ABIGUARD FRONTEND PLUGIN
#
# The baseline records the version of the file the symlink leads to. A
# function added, or a struct grown at the end, shipped under the same
# minor fails (check and refresh); under the next minor it is clean. A
# version that goes down fails; a new soname starts over; a break fails
# whatever the minor. version= (or libtool's CURRENT:REVISION:AGE) says
# the version when the file name does not; a file named only like its
# soname records none, and then nothing is judged.
# shellcheck source=tests/policy/lib.bash
source "$(dirname "$0")/lib.bash"

abi=abi/libfoo.abi
# build DIR MODE SONAME FILE: compile, link as FILE, the symlink SONAME
build() {
	local dir=$1 mode=$2 soname=$3 file=$4
	rm -rf "$dir/build"
	mkdir -p "$dir/build" "$dir/abi"
	# shellcheck disable=SC2086
	(cd "$dir" && $cc -O2 -fPIC -Wall -Iinclude -fplugin="$plugin" \
		-fplugin-arg-abiguard-mode="$mode" \
		-fplugin-arg-abiguard-baseline=$abi \
		-fplugin-arg-abiguard-public=include \
		-c src/foo.c -o build/foo.o) 2>"$dir/build/compile.log" ||
		{ cat "$dir/build/compile.log" >&2; fail "${dir##*/}: $mode compile failed"; }
	# The plugin cannot know the file the link writes: silent here.
	[ -s "$dir/build/compile.log" ] && { cat "$dir/build/compile.log" >&2; fail "${dir##*/}: compile findings"; }
	(cd "$dir/build" && ${cc%% *} -shared -o "$file" foo.o -Wl,-soname,"$soname") ||
		fail "${dir##*/}: link failed"
	[ "$file" = "$soname" ] || ln -s "$file" "$dir/build/$soname"
}

run() { # WANT DIR CMD...: output in $work/out
	local want=$1 dir=$2 status=0
	shift 2
	(cd "$dir" && "$@") >"$work/out" 2>&1 || status=$?
	[ "$status" = "$want" ] ||
		{ cat "$work/out" >&2; fail "${dir##*/}: '$*' exited $status, want $want"; }
}
# check WANT DIR LIB [OPTION...], update likewise
check() { local w=$1 d=$2 l=$3; shift 3; run "$w" "$d" "$abiguard" check --baseline $abi "$@" "build/$l"; }
update() { local w=$1 d=$2 l=$3; shift 3; run "$w" "$d" "$abiguard" baseline update --baseline $abi "$@" "build/$l"; }
has() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "no '$2'"; }; }
clean() { [ -s "$work/out" ] && { cat "$work/out" >&2; fail "$1: findings"; }; return 0; }

add_fn() { # DIR NAME: a new function
	sed -i "s/^#endif/void $2(void);\n\n#endif/" "$1/include/foo.h"
	printf '\nvoid %s(void)\n{\n\tputs("%s");\n}\n' "$2" "$2" >>"$1/src/foo.c"
}
variant() { rm -rf "${work:?}/$1"; cp -r "$tree" "$work/$1"; echo "$work/$1"; }

# ---- the release: libfoo.so.0.0 --------------------------------------------
tree=$work/tree
cp -r "$here/minor-bump" "$tree"
mv "$tree/abiguard.conf" "$tree/.abiguard"
build "$tree" record libfoo.so.0 libfoo.so.0.0
update 0 "$tree" libfoo.so.0
has "$tree/$abi" "abiguard-baseline 3"
has "$tree/$abi" "version 0.0"
cp "$tree/$abi" "$work/first.abi"
update 0 "$tree" libfoo.so.0
cmp -s "$work/first.abi" "$tree/$abi" || fail "the second refresh changed the baseline"
build "$tree" check libfoo.so.0 libfoo.so.0.0
check 0 "$tree" libfoo.so.0
clean "the release against its own baseline"

# ---- bar() added: the same minor fails, the next one is clean -------------
dir=$(variant same-minor)
add_fn "$dir" bar
build "$dir" check libfoo.so.0 libfoo.so.0.0
check 1 "$dir" libfoo.so.0
has "$work/out" "include/foo.h:16:6: error: 'bar' was added, but the library's version is still 0.0, as in the baseline [library-version-not-bumped]"
has "$work/out" "ship it as 'libfoo.so.0.1'"
update 1 "$dir" libfoo.so.0
cmp -s "$work/first.abi" "$dir/$abi" || fail "a refused refresh changed the baseline"
# the severity is the project's to choose
check 0 "$dir" libfoo.so.0 --severity library-version-not-bumped=warning
has "$work/out" "warning: 'bar' was added, but the library's version is still 0.0"
# version= names the version when the file does not (a build that links
# libfoo.so.0 and renames it later)
check 0 "$dir" libfoo.so.0.0 --version 0.1
clean "version=0.1"

add_fn "$tree" bar
build "$tree" check libfoo.so.0 libfoo.so.0.1
check 0 "$tree" libfoo.so.0
clean "bar in libfoo.so.0.1"
build "$tree" record libfoo.so.0 libfoo.so.0.1
update 0 "$tree" libfoo.so.0
has "$tree/$abi" "version 0.1"

# ---- a struct grown at the end (growable: no break) -----------------------
dir=$(variant grown)
sed -i 's/^\tconst char \*name;/&\n\tint flags;/' "$dir/include/foo.h"
sed -i 's/{1, "foo"}/{1, "foo", 0}/' "$dir/src/foo.c"
build "$dir" check libfoo.so.0 libfoo.so.0.1
check 1 "$dir" libfoo.so.0
has "$work/out" "include/foo.h:8:8: error: 'struct foo_info' field 'flags' was added at the end (at byte 16)"
has "$work/out" "but the library's version is still 0.1, as in the baseline [library-version-not-bumped]"
build "$dir" record libfoo.so.0 libfoo.so.0.2
check 0 "$dir" libfoo.so.0
clean "foo_info grown in libfoo.so.0.2"
update 0 "$dir" libfoo.so.0

# ---- the version goes down ------------------------------------------------
dir=$(variant down)
build "$dir" check libfoo.so.0 libfoo.so.0.0
check 1 "$dir" libfoo.so.0
has "$work/out" "error: the library's version went down from 0.1 (in the baseline) to 0.0 [library-version-not-bumped]"

# ---- a break needs a new soname, whatever the minor -----------------------
dir=$(variant break)
sed -i 's/^void foo(void);/void foo(int loud);/' "$dir/include/foo.h"
sed -i 's/^void foo(void)$/void foo(int loud)/' "$dir/src/foo.c"
# (the compile in check mode fails; recorded, the post-link check fails)
build "$dir" record libfoo.so.0 libfoo.so.0.2
check 1 "$dir" libfoo.so.0
has "$work/out" "[released-signature-changed]"
# a new soname starts over: libfoo.so.1.0, its minor from 0 again
build "$dir" record libfoo.so.1 libfoo.so.1.0
check 0 "$dir" libfoo.so.1
clean "the break in libfoo.so.1.0"
update 0 "$dir" libfoo.so.1
has "$dir/$abi" "soname libfoo.so.1"
has "$dir/$abi" "version 1.0"

# ---- a file without a minor records none: nothing to judge ----------------
dir=$(variant no-minor)
rm -f "$dir/$abi"
build "$dir" record libfoo.so.2 libfoo.so.2
update 0 "$dir" libfoo.so.2
has "$dir/$abi" "abiguard-baseline 2"
grep -q "^version" "$dir/$abi" && fail "no-minor: a version was recorded"
add_fn "$dir" baz
build "$dir" check libfoo.so.2 libfoo.so.2
check 0 "$dir" libfoo.so.2
clean "an addition without a recorded version"

# ---- libtool: version=CURRENT:REVISION:AGE --------------------------------
dir=$(variant libtool)
rm -f "$dir/$abi"
build "$dir" record libfoo.so.2 libfoo.so.2
update 0 "$dir" libfoo.so.2 --version 3:0:1
has "$dir/$abi" "version 2.1.0"
add_fn "$dir" baz
build "$dir" check libfoo.so.2 libfoo.so.2
check 1 "$dir" libfoo.so.2 --version 3:1:1
has "$work/out" "'baz' was added, but the library's version is still 2.1.1"
has "$work/out" "ship it as 'libfoo.so.2.2.0' (or set version=2.2.0"
check 0 "$dir" libfoo.so.2 --version 4:0:2
clean "libtool 4:0:2"
run 2 "$dir" "$abiguard" check --baseline $abi --version 3:0:4 build/libfoo.so.2
has "$work/out" "option '--version' must be MAJOR.MINOR[.MORE] (as in libfoo.so.0.1) or libtool's CURRENT:REVISION:AGE, not '3:0:4'"
# ---- libfoo.so.3.1.4 (CMake's VERSION 3.1.4 SOVERSION 3, libtool 4:4:1) ----
dir=$(variant three)
rm -f "$dir/$abi"
build "$dir" record libfoo.so.3 libfoo.so.3.1.4
update 0 "$dir" libfoo.so.3.1.4
has "$dir/$abi" "version 3.1.4"
add_fn "$dir" baz
build "$dir" check libfoo.so.3 libfoo.so.3.1.5
check 1 "$dir" libfoo.so.3
has "$work/out" "ship it as 'libfoo.so.3.2.0'"
build "$dir" check libfoo.so.3 libfoo.so.3.2.0
check 0 "$dir" libfoo.so.3
clean "baz in libfoo.so.3.2.0"
echo "minor-bump ($frontend): ok"
