#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A CMake consumer (examples/consumers/cmake/CMakeLists.txt) against an
# installed prefix, with find_package(abiguard 0.1) and
# abiguard_check_library(): the post-link check runs in the build.
source "$(dirname "$0")/lib.bash"

configure() { cmake -S "$1" -B "$1/b" -G "Unix Makefiles"; }
build() { cmake --build "$1/b"; }
check() { :; } # part of the build
baseline() { cmake --build "$1/b" --target foo-abi-baseline; }
objects() { find "$1/b" -path '*/CMakeFiles/foo.dir/*' -name '*.o'; }

p=$(new_project cmake cmake)
run_consumer "$p"

step "find_package(abiguard) checks the version"
mkdir -p "$work/version"
cat >"$work/version/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(v NONE)
find_package(abiguard 0.2 QUIET)
if(abiguard_FOUND)
  message(FATAL_ERROR "abiguard ${abiguard_VERSION} accepted for 0.2")
endif()
find_package(abiguard 0.1 REQUIRED)
foreach(var abiguard_EXECUTABLE abiguard_GCC_PLUGIN)
  if(NOT EXISTS "${${var}}")
    message(FATAL_ERROR "${var} is '${${var}}'")
  endif()
endforeach()
CM
expect_ok cmake -S "$work/version" -B "$work/version/b"
echo PASS
