#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# libgfapi's own header tags, with its real headers (glfs.h and
# glfs-handles.h, unmodified), its symbol version macros and a reduced
# gfapi.map (fixtures/gfapi, see its README.md): GFAPI_PUBLIC(name, ver),
# named by the project's .abiguard (tag-macro), is read by the GCC plugin,
# the Clang plugin, `abiguard lint` and the clang-tidy module, and checked
# against the version script and the .symver. Each disagreement fails at
# the declaration with the three places and the one to change, at compile
# time and post-link; a compat symbol next to its default does not, and
# the library as released is clean.
#
#   gfapi-tags.sh PROJECT_DIR ABIGUARD GCC_PLUGIN CLANG_PLUGIN \
#                 CLANG_TIDY TIDY_MODULE
source "$(dirname "$0")/lib.bash"
project=$1 abiguard=$2 gcc_plugin=$3 clang_plugin=$4
clang_tidy=$5 tidy_module=$6
[ "$clang_tidy" != - ] || clang_tidy=""
rule=symbol-node-disagreement
common=(-O2 -fPIC -Iinclude)

plugin_args() { # MODE
	echo -fplugin-arg-abiguard-public=include \
		-fplugin-arg-abiguard-version-script=gfapi.map \
		-fplugin-arg-abiguard-mode="$1" \
		${baseline:+-fplugin-arg-abiguard-baseline=$baseline}
}

# compile DIR CC PLUGIN MODE LOG: every unit; the status of the last
# failure, 0 when none failed.
compile() {
	local dir=$1 cc=$2 plugin=$3 mode=$4 log=$5 status=0 src
	: >"$log"
	mkdir -p "$dir/build"
	for src in "$dir"/src/*.c; do
		(cd "$dir" && "$cc" "${common[@]}" -fplugin="$plugin" \
			$(plugin_args "$mode") -c "src/$(basename "$src")" \
			-o "build/$(basename "$src" .c).o") >>"$log" 2>&1 ||
			status=$?
	done
	return $status
}

link() { # DIR CC
	(cd "$1" && "$2" -shared -o build/libgfapi.so.0 build/*.o \
		-Wl,-soname,libgfapi.so.0 -Wl,--version-script=gfapi.map) ||
		fail "$2 could not link $1"
}

# ---- the release: its baseline, recorded from the GCC build --------------
baseline=""
release=$work/release
cp -r "$project" "$release"
compile "$release" gcc "$gcc_plugin" record "$work/release.log" ||
	{ cat "$work/release.log" >&2; fail "the release does not compile"; }
link "$release" gcc
"$abiguard" baseline update --baseline "$work/gfapi.abi" \
	--version-script "$release/gfapi.map" "$release/build/libgfapi.so.0" \
	>"$work/update.log" 2>&1 ||
	{ cat "$work/update.log" >&2; fail "no baseline from the release"; }
baseline=$work/gfapi.abi
grep -q "tag glfs_pread GFAPI_6.0 GFAPI_PUBLIC at include/glfs.h:" \
	<(note_payload "$release/build/fops.o") ||
	fail "the summary has no tag for glfs_pread"

# ---- the cases ------------------------------------------------------------
# Each: a change of one place, and the place the rule must say to change
# ("" for none: the library stays clean).
mutate() { # CASE DIR
	local dir=$2
	case $1 in
	released) ;;
	symver-private) # map and header say GFAPI_3.7.0
		sed -i 's/^GFAPI_SYMVER_PUBLIC_DEFAULT(glfs_h_anonymous_read, 3.7.0)$/__asm__(".symver pub_glfs_h_anonymous_read, glfs_h_anonymous_read@@GFAPI_PRIVATE_3.7.0");/' \
			"$dir/src/fops.c" ;;
	tag-older) # map and .symver say GFAPI_3.7.0
		sed -i 's/GFAPI_PUBLIC(glfs_h_anonymous_read, 3.7.0)/GFAPI_PUBLIC(glfs_h_anonymous_read, 3.6.0)/' \
			"$dir/include/glfs-handles.h" ;;
	map-odd) # header and .symver say GFAPI_3.7.0
		perl -0pi -e 's/(GFAPI_3\.7\.0 \{)\n\tglobal:\n\t\tglfs_h_anonymous_read;\n/$1\n/; s/(\t\tglfs_get_volfile;\n)/$1\t\tglfs_h_anonymous_read;\n/' \
			"$dir/gfapi.map" ;;
	esac
	cmp -s "$project/src/fops.c" "$dir/src/fops.c" &&
		cmp -s "$project/include/glfs-handles.h" "$dir/include/glfs-handles.h" &&
		cmp -s "$project/gfapi.map" "$dir/gfapi.map" && [ "$1" != released ] &&
		fail "$1: the change did not apply"
	return 0
}

fix_of() { # CASE -> what the last note says to change
	case $1 in
	symver-private) echo "change the .symver to name GFAPI_3.7.0" ;;
	tag-older) echo "change the header tag to name GFAPI_3.7.0" ;;
	map-odd) echo "change the version script to name GFAPI_3.7.0" ;;
	esac
}

# expect CASE WHAT LOG STATUS: the verdict of one front end
expect() {
	local case=$1 what=$2 log=$3 status=$4 fix
	fix=$(fix_of "$case")
	if [ -z "$fix" ]; then
		[ "$status" = 0 ] && ! grep -q "$rule" "$log" ||
			{ cat "$log" >&2; fail "$case, $what: not clean (exit $status)"; }
		return 0
	fi
	[ "$status" != 0 ] || { cat "$log" >&2; fail "$case, $what: passed"; }
	local want
	for want in \
		"include/glfs-handles.h:306:1: error: the header tag, the .symver and the version script do not agree on the version node of 'glfs_h_anonymous_read'" \
		"the header tag GFAPI_PUBLIC says" \
		"the .symver binds 'pub_glfs_h_anonymous_read' to 'glfs_h_anonymous_read@@" \
		"the version script lists 'glfs_h_anonymous_read' in GFAPI_" \
		"$fix"; do
		grep -qF -- "$want" "$log" ||
			{ cat "$log" >&2; fail "$case, $what: no '$want'"; }
	done
	# The compat symbol glfs_pread@GFAPI_3.4.0 is no disagreement.
	! grep -q "version node of 'glfs_pread'" "$log" ||
		{ cat "$log" >&2; fail "$case, $what: glfs_pread reported"; }
}

for case in released symver-private tag-older map-odd; do
	for cc in gcc clang; do
		plugin=$gcc_plugin
		[ $cc = clang ] && plugin=$clang_plugin
		dir=$work/$case.$cc
		cp -r "$project" "$dir"
		mutate "$case" "$dir"
		status=0
		compile "$dir" $cc "$plugin" check "$work/log" || status=$?
		expect "$case" "$cc plugin" "$work/log" $status
		# Post-link: the objects of a record build carry the summaries.
		compile "$dir" $cc "$plugin" record "$work/log" ||
			{ cat "$work/log" >&2; fail "$case: $cc record build failed"; }
		link "$dir" $cc
		status=0
		(cd "$dir" && "$abiguard" check --baseline "$baseline" \
			--version-script gfapi.map build/libgfapi.so.0) \
			>"$work/log" 2>&1 || status=$?
		expect "$case" "abiguard check of the $cc build" "$work/log" $status
	done
	# lint and clang-tidy read the GCC build's compilation database.
	dir=$work/$case.gcc
	compile_commands "$dir" "$dir/build/compile_commands.json" gcc \
		"${common[@]}" -fplugin="$gcc_plugin" $(plugin_args check)
	status=0
	(cd "$dir" && "$abiguard" lint -p build src/fops.c) >"$work/log" 2>&1 ||
		status=$?
	expect "$case" "abiguard lint" "$work/log" $status
	if [ -n "$clang_tidy" ]; then
		tidy "$clang_tidy" "$tidy_module" "$dir" -p build src/fops.c \
			>"$work/log"
		status=0
		grep -q "error: .*\[abiguard-$rule\]" "$work/log" && status=1
		expect "$case" "clang-tidy" "$work/log" $status
	fi
done
# ---- preprocessed input ----------------------------------------------------
# -save-temps compiles the .i, where the tag macros are gone: the header
# tag that disagrees cannot be seen there. Never a false error, never a
# silent pass: a warning says the tags were not read, in the compile and
# after the link.
dir=$work/tag-older.save-temps
cp -r "$project" "$dir"
mutate tag-older "$dir"
common+=(-save-temps)
unread="header version tags could not be read in 1 unit compiled from preprocessed output"
for cc in gcc clang; do
	plugin=$gcc_plugin
	[ $cc = clang ] && plugin=$clang_plugin
	status=0
	compile "$dir" $cc "$plugin" check "$work/log" || status=$?
	[ $status = 0 ] && grep -q "warning: $unread" "$work/log" ||
		{ cat "$work/log" >&2; fail "$cc -save-temps: not the warning, or exit $status"; }
done
compile "$dir" gcc "$gcc_plugin" record "$work/log" ||
	{ cat "$work/log" >&2; fail "-save-temps: record build failed"; }
link "$dir" gcc
status=0
(cd "$dir" && "$abiguard" check --baseline "$baseline" \
	--version-script gfapi.map build/libgfapi.so.0) >"$work/log" 2>&1 ||
	status=$?
[ $status = 0 ] && grep -q "warning: ${unread/1 unit/2 units}" "$work/log" ||
	{ cat "$work/log" >&2; fail "-save-temps: post-link not the warning, or exit $status"; }

# ---- ccache ---------------------------------------------------------------
# The -E output ccache hashes is the same whatever version a tag names: a
# changed tag must still be compiled again, never served the old object.
if command -v ccache >/dev/null; then
	dir=$work/ccache
	cp -r "$project" "$dir"
	mkdir -p "$dir/build"
	export CCACHE_DIR=$work/ccache-dir
	tag_in_object() { # CCACHE_SETTINGS... -> the tag line of fops.o
		(cd "$dir" && env "$@" ccache gcc -O2 -fPIC -Iinclude \
			-fplugin="$gcc_plugin" $(plugin_args record) \
			-c src/fops.c -o build/fops.o) ||
			fail "ccache: the compile failed"
		note_payload "$dir/build/fops.o" |
			grep "^tag glfs_h_anonymous_read " || true
	}
	for settings in CCACHE_DIRECT=1 CCACHE_NODIRECT=1; do
		rm -rf "$CCACHE_DIR"
		cp "$project/include/glfs-handles.h" "$dir/include/"
		tag_in_object $settings | grep -q "GFAPI_3.7.0 " ||
			fail "ccache ($settings): no tag"
		mutate tag-older "$dir"
		tag_in_object $settings | grep -q "GFAPI_3.6.0 " ||
			fail "ccache ($settings): the object of the old tag was served"
	done
fi

echo "PASS: gfapi's header tags read and checked by every front end"
