#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `cmake --install` puts the clang-tidy module in LIBDIR/abiguard (and the
# lint helper in LIBEXECDIR/abiguard); the installed module loads into
# clang-tidy and offers one check, abiguard-RULE, per rule of the core's
# registry (`abiguard explain --list-rules`), no more, no fewer.
#
#   install.sh CMAKE BUILD_DIR LIBDIR LIBEXECDIR CLANG_TIDY
source "$(dirname "$0")/lib.bash"
cmake=$1 build=$2 libdir=$3 libexecdir=$4 clang_tidy=$5
# DESTDIR also catches what installs to an absolute place (the GCC plugin
# goes into GCC's plugin directory): nothing leaves the scratch directory.
export DESTDIR=$work/dest
prefix=$DESTDIR/opt/abiguard

"$cmake" --install "$build" --prefix /opt/abiguard >"$work/install.log" ||
	{ cat "$work/install.log" >&2; fail "cmake --install failed"; }
module=$prefix/$libdir/abiguard/abiguard-tidy.so
[ -f "$module" ] || fail "no $libdir/abiguard/abiguard-tidy.so in the installed tree"
[ -x "$prefix/$libexecdir/abiguard/abiguard-lint" ] ||
	fail "no $libexecdir/abiguard/abiguard-lint in the installed tree"
[ "$clang_tidy" != - ] || { echo "PASS: installed (no clang-tidy to load it)"; exit 0; }

"$clang_tidy" --load="$module" --checks='-*,abiguard-*' --list-checks |
	sed -n 's/^ *abiguard-//p' | sort >"$work/checks"
"$prefix/bin/abiguard" explain --list-rules | awk '{print $1}' | sort >"$work/rules"
[ -s "$work/rules" ] || fail "abiguard explain --list-rules printed no rule"
diff -u "$work/rules" "$work/checks" ||
	fail "the checks of the installed module are not the rules of the registry"
echo "PASS: the installed module offers one check per rule ($(wc -l <"$work/rules"))"
