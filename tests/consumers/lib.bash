# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the consumer-project tests: abiguard installed into a scratch
# prefix with `cmake --install BUILD --prefix P`, and a small versioned
# library (examples/consumers/common) built with the files of one build
# system (examples/consumers/SYSTEM) against P only.
#
#   SYSTEM.sh BUILD SOURCE_ROOT
#
# Each test defines configure, build (compile and link) and check (the
# post-link check), baseline (refresh the baseline through the build
# system) and objects (the object files of the library), then calls
# run_consumer; every step below runs against the same project. A map edit
# must recompile when the build rules name the map (map_in_rules=1) or the
# plugin lists it in the compiler's dependency output; otherwise it must
# at least link and check again.
set -euo pipefail
build_dir=$1 root=$2
examples=$root/examples/consumers
patches=$root/tests/consumers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

step() {
	echo "== $*"
}

prefix=$work/prefix
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name abiguard.pc)")
[ -f "$libdir/abiguard.pc" ] || fail "no abiguard.pc installed"
export PATH=$prefix/bin:$PATH
export PKG_CONFIG_PATH=$libdir
export CMAKE_PREFIX_PATH=$prefix
unset ABIGUARD_OPTIONS

# new_project NAME SYSTEM -> a fresh project in $work/NAME
new_project() {
	local dir=$work/$1
	mkdir -p "$dir"
	cp -r "$examples/common/." "$examples/$2/." "$dir"
	echo "$dir"
}

# expect_ok/expect_fail CMD...: run CMD, output in $work/out
expect_ok() {
	"$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; fail "'$*' failed"; }
}
expect_fail() {
	if "$@" >"$work/out" 2>&1; then
		cat "$work/out" >&2
		fail "'$*' succeeded"
	fi
}
expect_output() { # regex what
	grep -Eq -- "$1" "$work/out" || { cat "$work/out" >&2; fail "$2"; }
}

build_and_check() {
	build "$1" && check "$1"
}

# Does the plugin name the version script in the compiler's dependency
# output (-MD)? Then a map edit must recompile, not only relink.
plugin_lists_map_in_deps() {
	local probe=$work/probe plugin
	plugin=$(pkg-config --variable=gcc_plugin abiguard)
	mkdir -p "$probe"
	cp -r "$examples/common/." "$probe"
	(cd "$probe" && gcc -fplugin="$plugin" -fplugin-arg-abiguard-mode=record \
		-fplugin-arg-abiguard-version-script=libfoo.map \
		-fplugin-arg-abiguard-public=include -Iinclude -MD -MF foo.d \
		-c foo.c -o foo.o) && grep -q libfoo.map "$probe/foo.d"
}

run_consumer() { # project dir
	local p=$1
	step "configure against the installed prefix"
	expect_ok configure "$p"

	step "the first baseline, without editing build files"
	mkdir -p "$p/abi"
	ABIGUARD_OPTIONS=mode=record expect_ok build "$p"
	expect_ok baseline "$p"
	grep -q "^node FOO_1.0 released" "$p/abi/libfoo.so.1.abi" &&
		grep -q "^node FOO_1.1 released" "$p/abi/libfoo.so.1.abi" ||
		fail "no baseline with FOO_1.0 and FOO_1.1 released"
	expect_ok build_and_check "$p"

	step "a break fails the compile at the declaration"
	patch --quiet -p1 -d "$p" <"$patches/break.patch"
	expect_fail build "$p"
	expect_output "foo\.h:11:[0-9]+: error: .*\[released-signature-changed\]" \
		"the break is not reported at the declaration"
	patch --quiet -R -p1 -d "$p" <"$patches/break.patch"

	step "the fix (a new node, a compat symbol) passes"
	patch --quiet -p1 -d "$p" <"$patches/fix.patch"
	expect_ok build_and_check "$p"
	patch --quiet -R -p1 -d "$p" <"$patches/fix.patch"
	expect_ok build_and_check "$p"

	step "a map edit (a misspelt name) rebuilds, and the check reads the map"
	local before=$work/before-map-edit
	touch "$before"
	sleep 1 # a newer mtime for the map than for the objects
	patch --quiet -p1 -d "$p" <"$patches/typo.patch"
	expect_fail build_and_check "$p"
	expect_output "\[version-script-names-undefined\]" \
		"the check did not read the version script"
	if [ "${map_in_rules-}" = 1 ] || plugin_lists_map_in_deps; then
		[ -n "$(objects "$p")" ] || fail "no object files found"
		for o in $(objects "$p"); do
			[ "$o" -nt "$before" ] || fail "$o not recompiled after a map edit"
		done
		echo "objects recompiled after the map edit"
	else
		echo "note: the plugin does not list the map in -MD output;" \
			"only the link and the check ran again"
	fi
	patch --quiet -R -p1 -d "$p" <"$patches/typo.patch"
	expect_ok build_and_check "$p"
}
