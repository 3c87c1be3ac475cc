#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One rule fixture (tests/rules/<rule-id>/, format in tests/rules/README.md)
# through one front end: real compiler, real plugin, real ld with the real
# version script, real abiguard.
#
#   run-fixture.sh FIXTURE_DIR ABIGUARD FRONTEND TOOL [RECORDER RECORDER_TOOL]
#
# FRONTEND is the front end under test, TOOL what it needs:
#   gcc    gcc -fplugin=TOOL   (TOOL: the GCC plugin)
#   clang  clang -fplugin=TOOL (TOOL: the Clang plugin)
#   lint   abiguard lint -p build UNIT (TOOL: abiguard-lint, which
#          `abiguard lint` runs; any path will do)
#   tidy   clang-tidy --load=TOOL (TOOL: the clang-tidy module; the
#          clang-tidy program is $ABIGUARD_CLANG_TIDY, else clang-tidy-14)
# A compiler plugin compiles the units that are checked, and the objects of
# the post-link checks. The baselines are recorded by RECORDER (a compiler
# front end of the same list, with its RECORDER_TOOL; default: FRONTEND
# itself), so that with RECORDER gcc every front end is held to the
# baselines the GCC plugin records. A front end that only checks (lint,
# tidy) reads the compilation database of the RECORDER's check build, and
# needs a RECORDER for everything that compiles.
#
# 1. old, recorded: its baseline (baseline update, then release if asked).
# 2. old against its own baseline: compile in check mode and post-link
#    check must be silent.
# 3. new against old's baseline: the compile diagnostics must equal
#    compile.expected, the post-link check output check.expected, exactly.
# 4. new against a baseline recorded from new: silent too; unless the
#    fixture says "standalone = yes" (its rule judges the library alone, not
#    a change): then recording new's baseline is refused with exactly the
#    findings of step 3's post-link check (or, when they are only
#    warnings, checking against it gives exactly the output of step 3).
# Every baseline update runs twice: same exit status, same bytes.
# Every registered rule runs in every step, so a rule that fires where it
# should not breaks some fixture's step 2, 3 or 4.
set -euo pipefail

fixture=$(cd "$1" && pwd) abiguard=$(realpath "$2") frontend=$3
tool=$(realpath "$4") tidy_module=$(realpath "$4")
recorder=${5:-$frontend}
recorder_tool=$(realpath "${6:-$4}")
id=$(basename "$fixture")
# abiguard.h, as an installed copy would be found
annotations=$(cd "$(dirname "$0")/../../include" && pwd)

fail() {
	echo "FAIL: $id ($frontend): $*" >&2
	exit 1
}

# ---- fixture.conf: "key = value" lines, '#' comments ----------------------
conf() { # key [default]: the last "key = value" line's value
	local line value=${2-}
	while IFS= read -r line; do
		line=${line%%#*}
		[[ "$line" =~ ^[[:space:]]*([a-z-]+)[[:space:]]*=[[:space:]]*(.*[^[:space:]])?[[:space:]]*$ ]] || continue
		[ "${BASH_REMATCH[1]}" = "$1" ] && value=${BASH_REMATCH[2]}
	done < <(cat "$fixture/fixture.conf" 2>/dev/null || true)
	echo "$value"
}
while IFS= read -r line; do
	line=${line%%#*}
	[[ "$line" =~ ^[[:space:]]*$ ]] && continue
	[[ "$line" =~ ^[[:space:]]*(soname|file|cflags|open-node|release|remove|standalone|new-plain)[[:space:]]*= ]] ||
		fail "fixture.conf: not a known 'key = value' line: $line"
done < <(cat "$fixture/fixture.conf" 2>/dev/null || true)
soname=$(conf soname libfix.so.1)
libfile=$(conf file "$soname")
cflags=$(conf cflags)
open_nodes=$(conf open-node)
release_nodes=$(conf release)
removed=$(conf remove)
standalone=$(conf standalone no)
new_plain_units=" $(conf new-plain) "

[ -d "$fixture/old" ] || fail "no old/"
if [ "${ABIGUARD_UPDATE_EXPECTED:-0}" != 1 ]; then
	for f in compile.expected check.expected; do
		[ -f "$fixture/$f" ] || fail "no $f"
	done
fi

# compiler_of FRONTEND: the compiler a plugin front end runs in, and the
# options that keep its diagnostics plain (no carets, colours, hints).
compiler_of() {
	case $1 in
	gcc) echo "gcc -fdiagnostics-plain-output" ;;
	clang) echo "clang -fno-caret-diagnostics -fno-color-diagnostics" ;;
	*) fail "unknown front end '$1'" ;;
	esac
}
# A checker that does not compile (lint, tidy) checks the units as the
# recorder's compiler would compile them, from the compilation database of
# that build; whatever needs objects (records, the post-link check) the
# recorder compiles.
case $frontend in
lint | tidy)
	[ -n "${5:-}" ] || fail "$frontend does not compile: it needs a RECORDER"
	checker=$frontend compiler=$(compiler_of "$recorder") tool=$recorder_tool
	;;
*) checker="" compiler=$(compiler_of "$frontend") ;;
esac
recorder_compiler=$(compiler_of "$recorder")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The plugins' baseline indexes (user guide, section 8) stay with the
# fixture, out of the user's cache; ABIGUARD_CACHE_DIR=off still runs
# every compile with the text reader.
export ABIGUARD_CACHE_DIR=${ABIGUARD_CACHE_DIR:-$work/cache}

# ---- the library's two versions ------------------------------------------
cp -r "$fixture/old" "$work/old"
cp -r "$fixture/old" "$work/new"
[ -d "$fixture/new" ] && cp -r "$fixture/new/." "$work/new"
for path in $removed; do
	[ -e "$work/new/$path" ] || fail "remove: no $path in old/"
	rm -rf "${work:?}/new/$path"
done

# ---- building ------------------------------------------------------------
# compile WHO DIR MODE: every src/*.c of DIR into DIR/build, as make -k
# would: all units, with the plugin of WHO (test: the front end under test,
# recorder: the recorder) in MODE, but new's "new-plain" units without it;
# the compiler's stderr in DIR/build/compile.log. Fails when a unit does.
compile() {
	local who=$1 dir=$2 mode=$3 status=0 src cc plugin
	if [ "$who" = recorder ]; then
		cc=$recorder_compiler plugin=$recorder_tool
	else
		cc=$compiler plugin=$tool
	fi
	local args=(-fplugin="$plugin" -fplugin-arg-abiguard-mode="$mode"
		-fplugin-arg-abiguard-baseline=abi/lib.abi
		-fplugin-arg-abiguard-public=include)
	[ -f "$dir/lib.map" ] && args+=(-fplugin-arg-abiguard-version-script=lib.map)
	rm -rf "$dir/build"
	mkdir -p "$dir/build"
	for src in "$dir"/src/*.c; do
		src=src/${src##*/}
		local with=("${args[@]}")
		[ "$dir" != "$work/old" ] && [[ "$new_plain_units" == *" $src "* ]] && with=()
		# shellcheck disable=SC2086
		(cd "$dir" && $cc -O2 -fPIC -Wall -Wextra -Iinclude -I"$annotations" $cflags \
			${with[@]+"${with[@]}"} -c "$src" -o "build/$(basename "$src" .c).o") \
			2>>"$dir/build/compile.log" || status=1
	done
	return $status
}

# compile_db DIR: DIR/build/compile_commands.json, one entry per unit of
# DIR with the command its check build runs (the front end under test's
# plugin options; none for a "new-plain" unit).
compile_db() {
	local dir=$1 src first=1 a args
	local plugin=(-fplugin="$tool" -fplugin-arg-abiguard-mode=check
		-fplugin-arg-abiguard-baseline=abi/lib.abi
		-fplugin-arg-abiguard-public=include)
	[ -f "$dir/lib.map" ] && plugin+=(-fplugin-arg-abiguard-version-script=lib.map)
	rm -rf "$dir/build"
	mkdir -p "$dir/build"
	{
		echo "["
		for src in "$dir"/src/*.c; do
			src=src/${src##*/}
			local with=("${plugin[@]}")
			[ "$dir" != "$work/old" ] && [[ "$new_plain_units" == *" $src "* ]] && with=()
			args=""
			# shellcheck disable=SC2086
			for a in ${compiler%% *} -O2 -fPIC -Wall -Wextra -Iinclude -I"$annotations" $cflags \
				${with[@]+"${with[@]}"} -c "$src" -o "build/$(basename "$src" .c).o"; do
				args+="\"$a\", "
			done
			[ $first = 1 ] || echo ","
			first=0
			printf '{"directory": "%s", "file": "%s", "arguments": [%s]}' \
				"$dir" "$src" "${args%, }"
		done
		echo "]"
	} >"$dir/build/compile_commands.json"
}

# lint_units DIR: `abiguard lint -p build UNIT` for every unit of DIR, the
# output in DIR/build/compile.log as a compile would leave it. Fails when
# one reports an error (exit 1); any other status is a broken run.
lint_units() {
	local dir=$1 src status=0 rc
	compile_db "$dir"
	for src in "$dir"/src/*.c; do
		rc=0
		(cd "$dir" && "$abiguard" lint -p build "src/${src##*/}") \
			>"$dir/build/lint.out" 2>&1 || rc=$?
		as_compiled <"$dir/build/lint.out" >>"$dir/build/compile.log"
		case $rc in
		0) ;;
		1) status=1 ;;
		*) cat "$dir/build/compile.log" >&2; fail "lint exited $rc" ;;
		esac
	done
	return $status
}

# tidy_units DIR: clang-tidy with the module (TOOL) and every abiguard
# check on every unit of DIR, its findings spelled as the compilers spell
# them (paths relative to DIR, "[rule]" without the "abiguard-" of the
# check's name, no source lines), in DIR/build/compile.log.
tidy_units() {
	local dir=$1 src status=0 rc
	local exe=${ABIGUARD_CLANG_TIDY:-clang-tidy-14}
	compile_db "$dir"
	for src in "$dir"/src/*.c; do
		rc=0
		(cd "$dir" && "$exe" --quiet --load="$tidy_module" \
			--checks='-*,abiguard-*' --header-filter='.*' -p build \
			"src/${src##*/}") >"$dir/build/tidy.out" 2>/dev/null || rc=$?
		sed -E -e "s|^$dir/||" \
			-e 's/^([^ :]+:[0-9]+:[0-9]+: )remark: /\1note: /' \
			-e 's/ \[abiguard-([a-z0-9-]+)\]$/ [\1]/' \
			"$dir/build/tidy.out" | as_compiled >>"$dir/build/compile.log"
		[ $rc = 0 ] || status=1
	done
	return $status
}

# as_compiled: a checker's notes that point into a file the compilers do
# not show (the version script, the baseline) as the compiler plugins
# print them: at the finding, the place quoted ("lib.map:11: ...").
as_compiled() {
	awk '
	/^[^ ]+: (error|warning): / { split($1, p, ":"); at = p[1] ":" p[2] ":" p[3] ":" }
	/^[^ ]+: note: / && $1 !~ /\.[ch]:/ && at != "" {
		split($1, p, ":")
		sub(/^[^ ]+ note: /, "")
		print at " note: " p[1] ":" p[2] ": " $0
		next
	}
	{ print }'
}

# by_finding: a listing with each finding and its notes as one unit, the
# units sorted (clang-tidy orders its findings by place, the compilers by
# when they find them).
by_finding() {
	awk '/^[^ ]+ note: / { printf "\x1f%s", $0; next }
	     { printf "%s%s", (NR > 1 ? "\n" : ""), $0 }
	     END { if (NR) printf "\n" }' | LC_ALL=C sort | tr '\037' '\n'
}

# check_units DIR: check DIR's units with the front end under test: the
# compile in check mode of a plugin, or a checker's run over the units.
check_units() {
	case $checker in
	lint) lint_units "$1" ;;
	tidy) tidy_units "$1" ;;
	*) compile test "$1" check ;;
	esac
}

link() { # DIR
	local map=()
	[ -f "$1/lib.map" ] && map=(-Wl,--version-script=lib.map)
	# A script edited after the link: the library keeps the one it was
	# linked with.
	[ -f "$1/linked.map" ] && map=(-Wl,--version-script=linked.map)
	(cd "$1" && ${compiler%% *} -shared -o "build/$libfile" build/*.o \
		-Wl,-soname,"$soname" "${map[@]}") 2>>"$1/build/compile.log" ||
		{ cat "$1/build/compile.log" >&2; fail "$1: link failed"; }
}

# map_nodes MAP: the names of the version nodes a version script defines.
map_nodes() {
	[ -f "$1" ] || return 0
	sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_.]*\)[[:space:]]*{.*/\1/p' "$1"
}

# record DIR [NODE...]: build in record mode and write DIR/abi/lib.abi from
# it, the fixture's open nodes and the NODEs open, all others released.
record() {
	local dir=$1 opens=() node
	shift
	compile recorder "$dir" record ||
		{ cat "$dir/build/compile.log" >&2; fail "${dir##*/}: record build failed"; }
	link "$dir"
	for node in $open_nodes "$@"; do opens+=(--open-node "$node"); done
	local map=()
	[ -f "$dir/lib.map" ] && map=(--version-script lib.map)
	mkdir -p "$dir/abi"
	rm -f "$dir/abi/lib.abi"
	local status=0
	(cd "$dir" && "$abiguard" baseline update --baseline abi/lib.abi \
		"${map[@]}" "${opens[@]}" "build/$libfile") >"$dir/update.log" 2>&1 ||
		status=$?
	# The baseline is a fixed point: a second refresh of the same library
	# gives the same verdict and the same bytes.
	local again=0
	[ -f "$dir/abi/lib.abi" ] && cp "$dir/abi/lib.abi" "$work/first.abi"
	(cd "$dir" && "$abiguard" baseline update --baseline abi/lib.abi \
		"${map[@]}" "${opens[@]}" "build/$libfile") >"$dir/update2.log" 2>&1 ||
		again=$?
	[ $again = $status ] ||
		{ cat "$dir/update.log" "$dir/update2.log" >&2; fail "${dir##*/}: the second baseline update exited $again, the first $status"; }
	if [ $status = 0 ] && ! cmp -s "$work/first.abi" "$dir/abi/lib.abi"; then
		diff -u "$work/first.abi" "$dir/abi/lib.abi" >&2 || true
		fail "${dir##*/}: the second baseline update changed the baseline"
	fi
	if [ $status = 1 ] && [ "$refusal_allowed" = yes ]; then
		return 1 # refused with the findings: the caller compares them
	fi
	[ $status = 0 ] ||
		{ cat "$dir/update.log" >&2; fail "${dir##*/}: baseline update failed"; }
	if [ -n "$release_nodes" ]; then
		# shellcheck disable=SC2086
		(cd "$dir" && "$abiguard" baseline release --baseline abi/lib.abi \
			$release_nodes) >>"$dir/update.log" 2>&1 ||
			{ cat "$dir/update.log" >&2; fail "${dir##*/}: baseline release failed"; }
	fi
	# The baseline index reads this baseline as the text reader does.
	if [ -n "${ABIGUARD_INDEX_AGREE:-}" ]; then
		"$ABIGUARD_INDEX_AGREE" "$dir/abi/lib.abi" >/dev/null ||
			fail "${dir##*/}: the baseline index and the text disagree"
	fi
}

# The lines a user reads: diagnostics, without the compiler's "In file
# included from" context.
diagnostics() { # log
	grep -E '^[^ ].*: (error|warning|note): ' "$1" || true
}

post_link_check() { # DIR OUT -> abiguard check's status
	local map=() status=0
	[ -f "$1/lib.map" ] && map=(--version-script lib.map)
	(cd "$1" && "$abiguard" check --baseline abi/lib.abi "${map[@]}" \
		"build/$libfile") >"$2" 2>&1 || status=$?
	return $status
}

# silent DIR: DIR checked against DIR/abi/lib.abi reports nothing.
silent() {
	local dir=$1 what=$2 status=0
	check_units "$dir" || status=$?
	if [ $status != 0 ] || [ -s "$dir/build/compile.log" ]; then
		cat "$dir/build/compile.log" >&2
		fail "$what: the compile in check mode was not silent"
	fi
	# A checker leaves no objects: the recorder builds them.
	if [ -n "$checker" ]; then
		compile test "$dir" record ||
			{ cat "$dir/build/compile.log" >&2; fail "$what: record build failed"; }
	fi
	link "$dir"
	post_link_check "$dir" "$work/silent.out" || status=$?
	if [ $status != 0 ] || [ -s "$work/silent.out" ]; then
		cat "$work/silent.out" >&2
		fail "$what: the post-link check was not silent (exit $status)"
	fi
}

# want_status OUTPUT: the exit status OUTPUT's findings call for: 1 with an
# error among them, 0 without.
want_status() {
	if grep -q ': error: ' "$1"; then echo 1; else echo 0; fi
}

# expect NAME ACTUAL: ACTUAL equals the fixture's NAME.expected. With
# ABIGUARD_UPDATE_EXPECTED=1 it is written there instead (review the diff).
expect() {
	if [ "${ABIGUARD_UPDATE_EXPECTED:-0}" = 1 ]; then
		cp "$2" "$fixture/$1.expected"
		return 0
	fi
	diff -u "$fixture/$1.expected" "$2"
}

# against DIR: compile DIR in check mode against DIR/abi/lib.abi, then
# link a record build and run the post-link check; each output must equal
# its expected file, with an exit status that agrees with it.
against() {
	local dir=$1 what=$2 status=0
	check_units "$dir" || status=1
	diagnostics "$dir/build/compile.log" >"$work/compile.actual"
	if [ "$checker" = tidy ] && [ "${ABIGUARD_UPDATE_EXPECTED:-0}" != 1 ]; then
		by_finding <"$fixture/compile.expected" >"$work/compile.expected"
		by_finding <"$work/compile.actual" >"$work/compile.sorted"
		diff -u "$work/compile.expected" "$work/compile.sorted" ||
			fail "$what: compile diagnostics differ from compile.expected"
	else
		expect compile "$work/compile.actual" ||
			fail "$what: compile diagnostics differ from compile.expected"
	fi
	[ $status = "$(want_status "$work/compile.actual")" ] ||
		{ cat "$dir/build/compile.log" >&2; fail "$what: compile exited $status"; }
	# The post-link check needs the objects a check build would not write.
	compile test "$dir" record ||
		{ cat "$dir/build/compile.log" >&2; fail "$what: record build failed"; }
	link "$dir"
	status=0
	post_link_check "$dir" "$work/check.actual" || status=$?
	[ $status = "$(want_status "$work/check.actual")" ] ||
		{ cat "$work/check.actual" >&2; fail "$what: abiguard check exited $status"; }
	expect check "$work/check.actual" ||
		fail "$what: post-link check output differs from check.expected"
}

# ---- 1-2: old against itself ---------------------------------------------
refusal_allowed=no
record "$work/old"
silent "$work/old" "old against old"

# ---- 3: new against old's baseline ---------------------------------------
mkdir -p "$work/new/abi"
cp -r "$work/new" "$work/new-self"
cp "$work/old/abi/lib.abi" "$work/new/abi/lib.abi"
against "$work/new" "new against old"

# ---- 4: new against itself -----------------------------------------------
# Silent; but a rule that judges the library alone (not its change) finds
# the same in new whatever the baseline: then the output must be the same.
# The nodes new adds are open in its baseline, as a refresh during the
# development cycle would have left them.
# A library wrong on its own is refused when its first baseline is made,
# with the findings of its post-link check: what a release got wrong is
# decided once, there.
refusal_allowed=no
[ "$standalone" = yes ] && refusal_allowed=yes
status=0
# (The nodes of the script new was linked with: those the library has.)
new_map=$work/new/lib.map
[ -f "$work/new/linked.map" ] && new_map=$work/new/linked.map
record "$work/new-self" $(comm -13 <(map_nodes "$work/old/lib.map" | sort) \
	<(map_nodes "$new_map" | sort)) || status=$?
refusal_allowed=no
case $standalone in
no) silent "$work/new-self" "new against new" ;;
yes)
	if [ $status = 1 ]; then
		grep -v "^abiguard: baseline .* not updated" "$work/new-self/update.log" \
			>"$work/refusal.actual" || true
		# Judged against the baseline it would get, new may show less
		# than against old's (what it declares but does not export is
		# recorded as its state), never more, and always this rule.
		if [ "${ABIGUARD_UPDATE_EXPECTED:-0}" != 1 ]; then
			grep -q "error: .*\[$id\]" "$work/refusal.actual" ||
				{ cat "$work/new-self/update.log" >&2; fail "new's first baseline: refused without [$id]"; }
			while IFS= read -r line; do
				grep -qxF -- "$line" "$fixture/check.expected" ||
					{ cat "$work/new-self/update.log" >&2; fail "new's first baseline: refused with a finding not in check.expected: $line"; }
			done <"$work/refusal.actual"
		fi
		[ -e "$work/new-self/abi/lib.abi" ] &&
			fail "new's first baseline: refused, but written"
	else
		ABIGUARD_UPDATE_EXPECTED=0 against "$work/new-self" "new against new"
	fi
	;;
*) fail "fixture.conf: standalone is yes or no" ;;
esac
echo "PASS: $id ($frontend, baselines by $recorder)"
