# SPDX-License-Identifier: GPL-3.0-or-later
#
# What `cmake --install` puts where, for other build systems to find:
#   LIBDIR/pkgconfig/abiguard.pc         for Meson, Autotools, plain Make
#   LIBDIR/cmake/abiguard/               find_package(abiguard [0.1])
#   INCLUDEDIR/abiguard.h                the annotations (Cflags, and the
#                                        CMake target abiguard::annotations)
#   MANDIR/man1/abiguard.1, MANDIR/man5/abiguard-options.5,
#   MANDIR/man7/abiguard-annotations.7
# and the Debian package (`cpack -G DEB`).
#
# Both package files are relocatable: they compute the prefix from their own
# place (pkg-config's ${pcfiledir}, CMake's CMAKE_CURRENT_LIST_DIR), so
# `cmake --install build --prefix P`, DESTDIR and a moved tree all work. A
# directory given absolute (ABIGUARD_GCC_PLUGIN_DIR=$(gcc
# -print-file-name=plugin) with another prefix, say) is outside the prefix:
# it is recorded as that absolute path, and does not move with the rest.
include(CMakePackageConfigHelpers)

set(ABIGUARD_CMAKE_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/abiguard")
set(ABIGUARD_PKGCONFIG_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

# The way up from an installed directory to the prefix ("../.." for
# lib/pkgconfig); empty when the directory is absolute.
function(abiguard_path_to_prefix out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "" PARENT_SCOPE)
  else()
    file(RELATIVE_PATH up "/prefix/${dir}" "/prefix")
    string(REGEX REPLACE "/$" "" up "${up}")
    set(${out} "${up}" PARENT_SCOPE)
  endif()
endfunction()

# An installed path as a package file writes it: below `prefix_ref` (the
# file's own name for the prefix) when relative, as it is when absolute.
function(abiguard_package_path out prefix_ref dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "${prefix_ref}/${dir}" PARENT_SCOPE)
  endif()
endfunction()

# pkg-config: the prefix from ${pcfiledir}.
abiguard_path_to_prefix(up "${ABIGUARD_PKGCONFIG_DIR}")
if(up)
  set(ABIGUARD_PC_PREFIX "\${pcfiledir}/${up}")
else()
  set(ABIGUARD_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
endif()
foreach(var BINDIR LIBDIR LIBEXECDIR INCLUDEDIR)
  abiguard_package_path(ABIGUARD_PC_${var} "\${prefix}"
    "${CMAKE_INSTALL_${var}}")
endforeach()

# CMake: the prefix from the directory of abiguardConfig.cmake.
abiguard_path_to_prefix(ABIGUARD_CMAKE_UP "${ABIGUARD_CMAKE_PACKAGE_DIR}")
if(NOT ABIGUARD_CMAKE_UP)
  set(ABIGUARD_CMAKE_UP "${CMAKE_INSTALL_PREFIX}")
endif()
foreach(var BINDIR LIBDIR LIBEXECDIR INCLUDEDIR)
  abiguard_package_path(ABIGUARD_CMAKE_${var} "\${_abiguard_prefix}"
    "${CMAKE_INSTALL_${var}}")
endforeach()

# What this build installs, as lines of both files. A part that is not
# built is not named: its variable stays empty.
set(ABIGUARD_PC_PARTS "")
set(ABIGUARD_CMAKE_PARTS "")
if(TARGET abiguard_gcc_plugin)
  abiguard_package_path(pc_dir "\${prefix}" "${ABIGUARD_GCC_PLUGIN_DIR}")
  abiguard_package_path(cm_dir "\${_abiguard_prefix}"
    "${ABIGUARD_GCC_PLUGIN_DIR}")
  string(APPEND ABIGUARD_PC_PARTS
    "gcc_plugin_dir=${pc_dir}\n"
    "gcc_plugin=\${gcc_plugin_dir}/abiguard.so\n"
    "gcc_plugin_path=\${gcc_plugin}\n")
  string(APPEND ABIGUARD_CMAKE_PARTS
    "set(_abiguard_gcc_plugin_dir \"${cm_dir}\")\n")
endif()
if(TARGET abiguard_clang_plugin)
  string(APPEND ABIGUARD_PC_PARTS
    "clang_plugin=\${libdir}/abiguard/abiguard-clang.so\n")
  string(APPEND ABIGUARD_CMAKE_PARTS "set(_abiguard_clang_plugin "
    "\"${ABIGUARD_CMAKE_LIBDIR}/abiguard/abiguard-clang.so\")\n")
endif()
if(TARGET abiguard_tidy)
  string(APPEND ABIGUARD_PC_PARTS
    "clang_tidy_module=\${libdir}/abiguard/abiguard-tidy.so\n")
  string(APPEND ABIGUARD_CMAKE_PARTS "set(_abiguard_tidy_module "
    "\"${ABIGUARD_CMAKE_LIBDIR}/abiguard/abiguard-tidy.so\")\n")
endif()
if(TARGET abiguard-lint)
  string(APPEND ABIGUARD_PC_PARTS
    "lint_helper=\${libexecdir}/abiguard/abiguard-lint\n")
  string(APPEND ABIGUARD_CMAKE_PARTS "set(_abiguard_lint_helper "
    "\"${ABIGUARD_CMAKE_LIBEXECDIR}/abiguard/abiguard-lint\")\n")
endif()

configure_file(cmake/abiguard.pc.in abiguard.pc @ONLY)
configure_file(cmake/abiguardConfig.cmake.in abiguardConfig.cmake @ONLY)
# 0.x: a new minor version may change the interface.
write_basic_package_version_file(abiguardConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/abiguardConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/abiguardConfigVersion.cmake
  cmake/abiguardCheck.cmake
  DESTINATION ${ABIGUARD_CMAKE_PACKAGE_DIR})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/abiguard.pc
  DESTINATION ${ABIGUARD_PKGCONFIG_DIR})
# The annotations a library writes in its own headers (MIT: any library
# may include or copy it).
install(FILES include/abiguard.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# Manual pages: checked in, generated from the command's own help
# (docs/man/generate.sh; the test man.current keeps them current).
install(FILES docs/man/abiguard.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES docs/man/abiguard-options.5
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES docs/man/abiguard-annotations.7
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man7)
