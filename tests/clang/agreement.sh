#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The front ends see one ABI: a project (include/, src/*.c, one version
# script) compiled by gcc with the GCC plugin and by clang with the Clang
# plugin, parsed by `abiguard lint` (LibTooling) and checked by the
# clang-tidy module, gives the same summary for every translation unit,
# byte for byte; lint and clang-tidy find the same things in every unit
# (against the project's own baseline, abi/*.abi, when it has one);
# and baselines made from the two linked libraries are identical.
#
#   agreement.sh PROJECT_DIR ABIGUARD GCC_PLUGIN CLANG_PLUGIN \
#                CLANG_TIDY TIDY_MODULE [FLAG...]
#
# CLANG_TIDY and TIDY_MODULE may be "-": no clang-tidy module to compare.
# FLAGs go to every compile and link (and PROJECT_DIR/agreement.flags,
# when there is one, to every compile): -m32 compares the front ends on i386,
# where base types have a preferred alignment larger than their ABI one.
source "$(dirname "$0")/lib.bash"
project=$1 abiguard=$2 gcc_plugin=$3 clang_plugin=$4
clang_tidy=$5 tidy_module=$6
target_flags=("${@:7}")
[ "$clang_tidy" != - ] || clang_tidy=""

# A project may need flags of its own (PROJECT_DIR/agreement.flags).
project_flags=()
if [ -f "$project/agreement.flags" ]; then
	read -r -a project_flags <"$project/agreement.flags"
fi
# abiguard.h, as an installed copy would be found
annotations=$(cd "$(dirname "$0")/../../include" && pwd)
common=(-O2 -fPIC -Iinclude -I"$annotations" "${project_flags[@]}" "${target_flags[@]}")
# GCC wants -fplugin= before the plugin's arguments.
plugin_args=(-fplugin-arg-abiguard-public=include -fplugin-arg-abiguard-mode=record
	-fplugin-arg-abiguard-version-script=$(cd "$project" && ls ./*.map))

build() { # name cc plugin -> objects and lib in $work/name/build
	local dir=$work/$1 cc=$2 plugin=$3
	cp -r "$project" "$dir"
	rm -rf "$dir/build"
	mkdir "$dir/build"
	local src
	for src in "$dir"/src/*.c; do
		(cd "$dir" && "$cc" "${common[@]}" -fplugin="$plugin" \
			"${plugin_args[@]}" -c \
			"src/$(basename "$src")" -o "build/$(basename "$src" .c).o") ||
			fail "$cc could not compile $(basename "$src")"
	done
	(cd "$dir" && "$cc" "${target_flags[@]}" -shared -o build/libfixture.so.1 build/*.o \
		-Wl,-soname,libfixture.so.1 -Wl,--version-script="$(ls ./*.map)") ||
		fail "$cc could not link"
}

build gcc gcc "$gcc_plugin"
build clang clang "$clang_plugin"
compile_commands "$work/gcc" "$work/gcc/build/compile_commands.json" \
	gcc "${common[@]}" -fplugin="$gcc_plugin" "${plugin_args[@]}"

# A project with a baseline of its own (an e2e case): lint and clang-tidy
# check against it, so that their findings are compared too.
baseline=""
if compgen -G "$project/abi/*.abi" >/dev/null; then
	baseline=$(cd "$work/gcc" && ls "$PWD"/abi/*.abi | head -n 1)
fi

status=0
for src in "$work"/gcc/src/*.c; do
	unit=$(basename "$src" .c)
	note_payload "$work/gcc/build/$unit.o" >"$work/$unit.gcc"
	note_payload "$work/clang/build/$unit.o" >"$work/$unit.clang"
	(cd "$work/gcc" && "$abiguard" lint -p build --dump-summary "src/$unit.c") \
		>"$work/$unit.lint" || fail "lint failed on $unit.c"
	[ -s "$work/$unit.gcc" ] || fail "empty summary for $unit.c"
	fes=(clang lint)
	if [ -n "$clang_tidy" ]; then
		fes+=(tidy)
		options="{key: abiguard.dump-summary, value: '$work/$unit.tidy'}"
		[ -z "$baseline" ] ||
			options+=", {key: abiguard.baseline, value: '$baseline'}"
		tidy "$clang_tidy" "$tidy_module" "$work/gcc" -p build \
			--config="{CheckOptions: [$options]}" "src/$unit.c" | findings "$work/gcc" >"$work/$unit.tidy-findings"
		(cd "$work/gcc" && "$abiguard" lint -p build ${baseline:+--baseline "$baseline"} "src/$unit.c") |
			findings "$work/gcc" >"$work/$unit.lint-findings" || true
		if ! cmp -s "$work/$unit.lint-findings" "$work/$unit.tidy-findings"; then
			echo "$unit.c: lint and clang-tidy find different things:" >&2
			diff -u "$work/$unit.lint-findings" "$work/$unit.tidy-findings" >&2 || true
			status=1
		fi
	fi
	for fe in "${fes[@]}"; do
		if ! cmp -s "$work/$unit.gcc" "$work/$unit.$fe"; then
			echo "$unit.c: the GCC plugin and $fe disagree:" >&2
			diff -u "$work/$unit.gcc" "$work/$unit.$fe" >&2 || true
			status=1
		fi
	done
done
[ $status = 0 ] || fail "summaries differ"
# A project may name lines its summaries must hold (summary.expect): front
# ends that agree prove nothing when all of them miss the same fact.
if [ -f "$project/summary.expect" ]; then
	cat "$work"/*.gcc >"$work/all-summaries"
	while IFS= read -r line; do
		grep -qxF -- "$line" "$work/all-summaries" ||
			fail "no unit's summary has the line: $line"
	done <"$project/summary.expect"
fi

# The refresh applies the policy to what the release got wrong: both front
# ends' builds get the same verdict, the same baseline or the same refusal.
for fe in gcc clang; do
	status=0
	(cd "$work/$fe" && "$abiguard" baseline update --baseline "$work/$fe.abi" \
		--version-script "$(ls ./*.map)" build/libfixture.so.1 >"$work/update.$fe" 2>&1) ||
		status=$?
	[ $status -le 1 ] || { cat "$work/update.$fe" >&2; fail "baseline update of the $fe build exited $status"; }
	sed "s|$work/$fe.abi|BASELINE|" "$work/update.$fe" >"$work/verdict.$fe"
	echo "exit $status" >>"$work/verdict.$fe"
	# A fixed point: the same refresh again gives the same verdict and
	# leaves the same bytes.
	[ $status = 0 ] && cp "$work/$fe.abi" "$work/$fe.first.abi"
	again=0
	(cd "$work/$fe" && "$abiguard" baseline update --baseline "$work/$fe.abi" \
		--version-script "$(ls ./*.map)" build/libfixture.so.1 >"$work/update2.$fe" 2>&1) ||
		again=$?
	[ $again = $status ] ||
		{ cat "$work/update.$fe" "$work/update2.$fe" >&2; fail "$fe: the second refresh exited $again, the first $status"; }
	if [ $status = 0 ] && ! cmp -s "$work/$fe.first.abi" "$work/$fe.abi"; then
		diff -u "$work/$fe.first.abi" "$work/$fe.abi" >&2 || true
		fail "$fe: the second refresh changed the baseline"
	fi
done
if ! cmp -s "$work/verdict.gcc" "$work/verdict.clang"; then
	diff -u "$work/verdict.gcc" "$work/verdict.clang" >&2 || true
	fail "the refresh of the GCC and the Clang build differ"
fi
if grep -qx "exit 1" "$work/verdict.gcc"; then
	echo "PASS: the front ends agree (the refresh refuses both builds alike)"
	exit 0
fi
if ! cmp -s "$work/gcc.abi" "$work/clang.abi"; then
	diff -u "$work/gcc.abi" "$work/clang.abi" >&2 || true
	fail "baselines of the GCC and the Clang build differ"
fi

# ---- the baseline is a fixed point ---------------------------------------
# The sources and the library it was recorded from check against it
# without an error, with every front end and after the link.
fixed=$work/gcc.abi map=$(cd "$project" && ls ./*.map)
no_errors() { # WHAT LOG
	if grep -E ": error: " "$2" >&2; then
		fail "$1: errors against the baseline recorded from the same sources"
	fi
	return 0
}
for fe in gcc clang; do
	plugin=$gcc_plugin
	[ $fe = clang ] && plugin=$clang_plugin
	for src in "$work/$fe"/src/*.c; do
		unit=$(basename "$src" .c)
		(cd "$work/$fe" && "$fe" "${common[@]}" -fplugin="$plugin" \
			-fplugin-arg-abiguard-public=include -fplugin-arg-abiguard-mode=check \
			-fplugin-arg-abiguard-baseline="$fixed" -fplugin-arg-abiguard-version-script="$map" \
			-c "src/$unit.c" -o "$work/fixed.o") >"$work/fixed.log" 2>&1 ||
			{ cat "$work/fixed.log" >&2; fail "$fe: $unit.c does not compile against its own baseline"; }
		no_errors "$fe: $unit.c" "$work/fixed.log"
	done
	(cd "$work/$fe" && "$abiguard" check --baseline "$fixed" --version-script "$map" \
		build/libfixture.so.1) >"$work/fixed.log" 2>&1 ||
		{ cat "$work/fixed.log" >&2; fail "$fe: the post-link check against its own baseline failed"; }
done
for src in "$work"/gcc/src/*.c; do
	unit=$(basename "$src" .c)
	(cd "$work/gcc" && "$abiguard" lint -p build --baseline "$fixed" "src/$unit.c") \
		>"$work/fixed.log" 2>&1 ||
		{ cat "$work/fixed.log" >&2; fail "lint: $unit.c fails against its own baseline"; }
	no_errors "lint: $unit.c" "$work/fixed.log"
	if [ -n "$clang_tidy" ]; then
		tidy "$clang_tidy" "$tidy_module" "$work/gcc" -p build \
			--config="{CheckOptions: [{key: abiguard.baseline, value: '$fixed'}]}" \
			"src/$unit.c" >"$work/fixed.log"
		no_errors "clang-tidy: $unit.c" "$work/fixed.log"
	fi
done
echo "PASS: $(basename "$project"): GCC plugin, Clang plugin, lint${clang_tidy:+ and clang-tidy} agree, and check clean against the baseline they record"
