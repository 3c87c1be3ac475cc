# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian package: `cpack -G DEB` in the build directory writes
# abiguard_VERSION_ARCH.deb, installed under /usr. There the GCC plugin
# lands in GCC's own plugin directory (/usr/lib/gcc/TARGET/MAJOR/plugin,
# see gcc-plugin/), so after `dpkg -i` `-fplugin=abiguard` works by name and
# `man abiguard` finds the manual.
#
# Dependencies: the libraries the programs link, found by dpkg-shlibdeps;
# the GCC the plugin was built with (GCC loads only a plugin built against
# its own headers); Clang 14 and clang-tidy 14 are recommended, for the
# Clang plugin and the clang-tidy module.
set(CPACK_PACKAGE_NAME abiguard)
set(CPACK_PACKAGE_VENDOR abiguard)
# Whoever builds the package: -DABIGUARD_DEB_MAINTAINER="Name <address>".
set(ABIGUARD_DEB_MAINTAINER "abiguard maintainers <abiguard@localhost>"
  CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_PACKAGE_CONTACT "${ABIGUARD_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "ABI policy lint for C shared libraries (GCC and Clang plugins)")
set(CPACK_PACKAGE_DESCRIPTION
  "abiguard checks a C shared library's exported declarations against a \
committed ABI baseline and its GNU symbol-versioning annotations while it \
compiles (GCC and Clang plugins), after the link, and in the editor.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(depends "")
if(TARGET abiguard_gcc_plugin)
  # The major version is the package's name (gcc-12); the plugin checks
  # the exact version when GCC loads it.
  string(REGEX MATCH "^[0-9]+" major "${CMAKE_C_COMPILER_VERSION}")
  list(APPEND depends "gcc-${major} (>= ${CMAKE_C_COMPILER_VERSION})")
endif()
string(JOIN ", " CPACK_DEBIAN_PACKAGE_DEPENDS ${depends})
if(TARGET abiguard_clang_plugin)
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-14, clang-tidy-14")
endif()
include(CPack)
