# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034,SC2154,SC2030,SC2031
#
# The steps of bench/realworld/run.sh (sourced, not run): run.sh sets
# $here, $work, $compiler, $plugin and $abiguard. Recipes see the
# variables exported in the build's subshell only. A recipe
# (libs/NAME.sh) sets:
#   SRCPKG      the Debian source package
#   RELEASES    its versions, oldest first, as `apt-get source` names them
#   NEEDS       Debian packages its build needs
# and defines, each run in the build directory with the sources in $SRC:
#   recipe_build           configure and build (CC and CFLAGS are set)
#   recipe_install DESTDIR install into a staging directory (DESTDIR, so
#                          that no absolute path escapes it)
#   recipe_library         print the path of the shared library built
#   recipe_version_script  print the version script, or nothing

# Packages every recipe needs: dpkg-source for apt-get source, and the
# usual build tools.
rw_need_packages() {
	bench_need_packages dpkg-dev make cmake pkg-config time xz-utils bzip2
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt-get source needs deb-src entries. They go into a file of their own
# beside the deb entries, which stay as they are (without them apt would
# lose its binary package lists). The mirror and key are those of the
# system's Debian entry; the suites are Debian 12's and the next release's,
# where the second release of most libraries is found.
RW_SOURCES=/etc/apt/sources.list.d/abiguard-realworld-src.sources
rw_add_deb_src() {
	[ -f "$RW_SOURCES" ] && return 0
	local uri
	uri=$(awk '/^URIs:/ && $2 ~ /\/debian\/?$/ { print $2; exit }' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null || true)
	uri=${uri:-http://deb.debian.org/debian}
	echo "adding deb-src entries for ${REALWORLD_SUITES:-bookworm bookworm-updates bookworm-backports trixie} to $RW_SOURCES" >&2
	as_root tee "$RW_SOURCES" >/dev/null <<EOF
Types: deb-src
URIs: $uri
Suites: ${REALWORLD_SUITES:-bookworm bookworm-updates bookworm-backports trixie}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	as_root apt-get update -qq
}

# rw_fetch DIR: the sources of $SRCPKG=$1 unpacked as DIR/src. A cached
# copy is used again. When the mirror lacks the Debian part of the source
# package but has the upstream tarball, the tarball alone is used (and the
# results say so).
rw_fetch() { # VERSION DIR
	local version=$1 dir=$2 dl=$2/download top tarball
	[ -d "$dir/src" ] && return 0
	rm -rf "$dl"
	mkdir -p "$dl"
	if (cd "$dl" && apt-get source -q "$SRCPKG=$version") >"$dir/fetch.log" 2>&1; then
		top=$(find "$dl" -mindepth 1 -maxdepth 1 -type d | head -n1)
		echo "apt-get source $SRCPKG=$version" >"$dir/origin"
	else
		tarball=$(find "$dl" -maxdepth 1 -name '*.orig.tar.*' ! -name '*.asc' | head -n1)
		[ -n "$tarball" ] || {
			tail -n 5 "$dir/fetch.log" >&2
			return 1
		}
		mkdir -p "$dl/orig"
		tar -C "$dl/orig" -xf "$tarball"
		top=$(find "$dl/orig" -mindepth 1 -maxdepth 1 -type d | head -n1)
		echo "upstream tarball $(basename "$tarball") of $SRCPKG=$version (the mirror lacks the Debian part)" >"$dir/origin"
	fi
	[ -n "$top" ] || return 1
	mv "$top" "$dir/src"
}

# rw_timed LOG CMD...: run CMD (a shell function too) with its output
# appended to LOG. Sets RW_SECONDS (wall clock) and RW_CPU (user + system
# time of CMD and every process it waited for: less noisy than the wall
# clock on a shared machine).
rw_timed() {
	local log=$1 rc=0 times TIMEFORMAT='%R %U %S'
	shift
	times=$({ time "$@" >>"$log" 2>&1; } 2>&1) || rc=$?
	times=$(printf '%s\n' "$times" | tail -n1)
	RW_SECONDS=$(echo "$times" | awk '{ printf "%.1f", $1 }')
	RW_CPU=$(echo "$times" | awk '{ printf "%.1f", $2 + $3 }')
	return $rc
}

# The plugin's options of one variant, for ABIGUARD_OPTIONS.
rw_options() { # VARIANT BASELINE
	local o="public=$RW_PUBLIC;root=$REL"
	[ -n "$RW_MAP" ] && o="$o;version-script=$RW_MAP"
	case $1 in
	record) o="$o;mode=record" ;;
	check*) o="$o;mode=check;baseline=$2;severity=$RW_ALL_WARNINGS" ;;
	esac
	echo "$o"
}

# rw_build VARIANT [BASELINE]: a fresh build in $REL/build, kept afterwards
# as $REL/$compiler-VARIANT. VARIANT is plain (no plugin), record, or
# check-* (check mode against BASELINE). Sets RW_BUILD_SECONDS and
# RW_LIBRARY.
rw_build() {
	local variant=$1 baseline=${2:-} kept=$REL/$compiler-$1 log
	log=$REL/$compiler-$variant.log
	rm -rf "$REL/build" "$kept"
	mkdir -p "$REL/build"
	: >"$log"
	local cflags="-O2 -g"
	[ "$variant" = plain ] || cflags="$cflags -fplugin=$plugin"
	(
		cd "$REL/build"
		renice -n "$NICE" -p "$BASHPID" >/dev/null
		export SRC=$REL/src CFLAGS=$cflags JOBS
		unset ABIGUARD_OPTIONS
		if [ "$variant" != plain ]; then
			RW_ABIGUARD_OPTIONS=$(rw_options "$variant" "$baseline")
			export RW_ABIGUARD_OPTIONS
		fi
		rw_timed "$log" recipe_build || exit 1
		echo "$RW_SECONDS $RW_CPU" >"$REL/$compiler-$variant.seconds"
		if [ "$variant" = plain ]; then
			rm -rf "$REL/stage"
			recipe_install "$REL/stage" >>"$log" 2>&1 || exit 1
		fi
	) || {
		echo "error: $LIB $VERSION: the $variant build failed; see $log" >&2
		tail -n 20 "$log" >&2
		return 1
	}
	RW_BUILD_SECONDS=$(awk '{ printf "%s wall, %s CPU", $1, $2 }' "$REL/$compiler-$variant.seconds")
	mv "$REL/build" "$kept"
	RW_LIBRARY=$kept/$(cd "$kept" && SRC=$REL/src recipe_library)
	RW_MAP_OF_BUILD=$(cd "$kept" && SRC=$REL/src recipe_version_script)
	# The plugin's findings in the compile (every rule id ends the line).
	grep -E ': (error|warning): .*\[[a-z][a-z0-9-]*\]$' "$log" |
		sort | uniq -c | sort -k2 >"$kept.compile-findings" || true
}

# Recipes call this around each compiler invocation step of their build
# (make, ninja, cmake --build) so that only the compiles see the options,
# never configure's probes.
with_abiguard() {
	if [ -n "${RW_ABIGUARD_OPTIONS:-}" ]; then
		ABIGUARD_OPTIONS=$RW_ABIGUARD_OPTIONS "$@"
	else
		"$@"
	fi
}

# The public headers: what the plain build installed under include/, each
# found again in the sources or the build directory (generated headers), as
# the path in $REL/build where every variant builds.
rw_public_headers() {
	local stage=$REL/stage h name found list=()
	while IFS= read -r h; do
		name=$(basename "$h")
		found=$(cd "$REL" && {
			find "$compiler-plain" src -name "$name" -type f 2>/dev/null |
				while IFS= read -r c; do
					cmp -s "$c" "$h" && echo "$c"
				done
		} | head -n1)
		[ -n "$found" ] || found=$(cd "$REL" && find src "$compiler-plain" \
			-name "$name" -type f | head -n1)
		[ -n "$found" ] || continue
		list+=("$REL/${found/#$compiler-plain/build}")
	done < <(find "$stage" -path '*/include/*' -name '*.h' -type f | sort)
	[ ${#list[@]} -gt 0 ] || {
		echo "error: $LIB $VERSION: no public header found in $stage" >&2
		return 1
	}
	local IFS=:
	RW_PUBLIC="${list[*]}"
}

rw_abiguard() { # LOG ARGS...: run abiguard, keep its output, set RW_RC
	local log=$1
	shift
	RW_RC=0
	"$abiguard" "$@" >"$log" 2>&1 || RW_RC=$?
}

rw_say() { printf '%s\n' "$*" >>"$RESULTS"; }

# Count of findings of each level in an abiguard or compile log.
rw_count() { # FILE
	local e w n
	e=$(grep -cE '(^|: )error: ' "$1" || true)
	w=$(grep -cE '(^|: )warning: ' "$1" || true)
	echo "$e error(s), $w warning(s)"
}

rw_findings() { # FILE: the findings lines, indented for Markdown
	grep -E '(error|warning): .*\[[a-z][a-z0-9-]*\]$' "$1" |
		sed "s|$REL/||g; s/^/    /" >>"$RESULTS" || true
}

# One release: fetch, builds, baseline, fixed point, and the check against
# the previous release's baseline. Sets PREV_BASELINE for the next one.
rw_release() {
	VERSION=$1
	REL=$work/$LIB/$VERSION
	mkdir -p "$REL"
	rw_fetch "$VERSION" "$REL" || {
		rw_say "- $VERSION: sources not available ($(tail -n1 "$REL/fetch.log"))"
		return 1
	}
	rw_say ""
	rw_say "## $LIB $VERSION ($compiler)"
	rw_say ""
	rw_say "sources: $(cat "$REL/origin")"
	rw_say ""

	rw_build plain || return 1
	local t_plain=$RW_BUILD_SECONDS
	rw_public_headers || return 1
	RW_MAP=$RW_MAP_OF_BUILD
	rw_say "public headers: $(echo "$RW_PUBLIC" | tr ':' '\n' | sed "s|$REL/||" | tr '\n' ' ')"
	rw_say "version script: $(if [ -n "$RW_MAP" ]; then echo "${RW_MAP#"$REL"/}"; else echo none; fi)"
	rw_say ""
	local vs=()
	[ -n "$RW_MAP" ] && vs=(--version-script "$RW_MAP")

	# The baseline, recorded twice from one build.
	rw_build record || return 1
	local t_record=$RW_BUILD_SECONDS lib_record=$RW_LIBRARY
	local base=$REL/$compiler.abi
	rm -f "$base" "$base.second"
	rw_abiguard "$REL/update-1.log" baseline update --baseline "$base" "${vs[@]}" "$lib_record"
	local u1=$RW_RC
	[ -f "$base" ] && cp "$base" "$base.first"
	rw_abiguard "$REL/update-2.log" baseline update --baseline "$base" "${vs[@]}" "$lib_record"
	local u2=$RW_RC same=no
	[ -f "$base.first" ] && cmp -s "$base" "$base.first" && same=yes
	rw_say "| step | exit | result | build time (s: configure and build) |"
	rw_say "|---|---|---|---|"
	rw_say "| build without the plugin | 0 | | $t_plain |"
	rw_say "| build, record mode | 0 | | $t_record |"
	rw_say "| baseline update (first) | $u1 | $(rw_count "$REL/update-1.log"); $(grep -c '' "$base" 2>/dev/null || echo 0) lines | |"
	rw_say "| baseline update (second) | $u2 | identical file: $same | |"

	rw_abiguard "$REL/check-self-record.log" check --baseline "$base" "${vs[@]}" "$lib_record"
	rw_say "| fixed point: check of the record build | $RW_RC | $(rw_count "$REL/check-self-record.log") | |"
	local fp_rc=$RW_RC fp_log=$REL/check-self-record.log

	local cs_ok=1 cs_compile=-
	if rw_build check-self "$base"; then
		cs_compile=$(awk '{ s += $1 } END { print s + 0 }' "$REL/$compiler-check-self.compile-findings")
		rw_abiguard "$REL/check-self-build.log" check --baseline "$base" "${vs[@]}" "$RW_LIBRARY"
		rw_say "| fixed point: compile in check mode | 0 | $cs_compile finding(s) in the compile | $RW_BUILD_SECONDS |"
		rw_say "| fixed point: check of that build | $RW_RC | $(rw_count "$REL/check-self-build.log") | |"
	else
		cs_ok=0
		rw_say "| fixed point: compile in check mode | fail | see $compiler-check-self.log | |"
	fi

	if [ -n "${PREV_BASELINE:-}" ]; then
		local against=$PREV_BASELINE
		if rw_build check-prev "$against"; then
			cp "$against" "$REL/update-prev.abi"
			rw_abiguard "$REL/check-prev.log" check --baseline "$against" "${vs[@]}" "$RW_LIBRARY"
			local c_rc=$RW_RC
			rw_abiguard "$REL/update-prev.log" baseline update --baseline "$REL/update-prev.abi" "${vs[@]}" "$RW_LIBRARY"
			rw_say "| against $PREV_VERSION: compile in check mode | 0 | $(awk '{ s += $1 } END { print s + 0 }' "$REL/$compiler-check-prev.compile-findings") finding(s) | $RW_BUILD_SECONDS |"
			rw_say "| against $PREV_VERSION: abiguard check | $c_rc | $(rw_count "$REL/check-prev.log") | |"
			rw_say "| against $PREV_VERSION: baseline update | $RW_RC | $(rw_count "$REL/update-prev.log") | |"
		else
			rw_say "| against $PREV_VERSION: compile in check mode | fail | see $compiler-check-prev.log | |"
		fi
	fi
	rw_say ""
	rw_details "baseline update (first)" "$REL/update-1.log"
	rw_details "fixed point: check of the record build" "$fp_log"
	[ $cs_ok = 1 ] && {
		rw_details "fixed point: compile in check mode (each line: how many units printed it)" "$REL/$compiler-check-self.compile-findings"
		rw_details "fixed point: check of the check-mode build" "$REL/check-self-build.log"
	}
	if [ -n "${PREV_BASELINE:-}" ]; then
		rw_details "against $PREV_VERSION: compile in check mode (each line: how many units printed it)" "$REL/$compiler-check-prev.compile-findings"
		rw_details "against $PREV_VERSION: abiguard check" "$REL/check-prev.log"
		rw_details "against $PREV_VERSION: baseline update" "$REL/update-prev.log"
	fi
	PREV_BASELINE=$base
	PREV_VERSION=$VERSION
}

rw_details() { # TITLE FILE: the findings in FILE, if any
	[ -s "$2" ] || return 0
	grep -qE '\[[a-z][a-z0-9-]*\]$' "$2" || return 0
	rw_say "$1:"
	rw_say ""
	rw_findings "$2"
	rw_say ""
}

rw_run_library() { # LIB
	LIB=$1
	(
		# shellcheck disable=SC1090
		. "$here/libs/$LIB.sh"
		[ ${#NEEDS[@]} -eq 0 ] || bench_need_packages "${NEEDS[@]}"
		mkdir -p "$work/$LIB"
		RESULTS=$work/$LIB/results-$compiler.md
		RW_ALL_WARNINGS=$("$abiguard" explain --list-rules | awk '{ printf "%s%s=warning", s, $1; s = "," }')
		{
			echo "# $LIB with the $compiler plugin"
			echo
			bench_machine | sed 's/^/    /'
		} >"$RESULTS"
		PREV_BASELINE=
		for v in "${RELEASES[@]}"; do
			rw_release "$v" || exit 1
		done
		echo "results: $RESULTS"
	)
}
