#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# agreement.sh on an end-to-end case: the example library changed the
# wrong way (the case's bad.patch), so that the front ends agree on the
# models of broken sources too, not only on the sources they were written
# against.
#
#   agreement-case.sh CASE_DIR EXAMPLE_DIR ABIGUARD GCC_PLUGIN CLANG_PLUGIN \
#                     CLANG_TIDY TIDY_MODULE [FLAG...]
source "$(dirname "$0")/lib.bash"
case_dir=$1 example=$2
shift 2
cp -r "$example" "$work/$(basename "$case_dir")"
patch --quiet -p1 -d "$work/$(basename "$case_dir")" <"$case_dir/bad.patch" ||
	fail "bad.patch does not apply"
"$(dirname "$0")/agreement.sh" "$work/$(basename "$case_dir")" "$@"
