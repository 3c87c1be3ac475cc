# SPDX-License-Identifier: GPL-3.0-or-later
cmake_minimum_required(VERSION 3.20)
# Every include in the core points down the layer graph.
#
#   cmake -DCORE=<common dir> -DGRAPH=<layers.cmake> -P check-includes.cmake
#
# GRAPH sets ABG_LAYERS (bottom-up) and ABG_DEPS_<layer> (what each layer
# links), as common/CMakeLists.txt writes them. For every source and header
# of every layer, each #include "abiguard/X.h" must name a header of the
# same layer or of a layer below it (what it links, directly or through
# another layer). Also: only the elf layer includes libelf, every source
# sits in a layer folder, every public header in a layer's
# include/abiguard/. The build fails on an upward include in a file it
# compiles; this also covers headers no lower file happens to include.

if(NOT CORE OR NOT GRAPH)
  message(FATAL_ERROR "usage: cmake -DCORE=DIR -DGRAPH=FILE -P check-includes.cmake")
endif()
include(${GRAPH})

set(problems "")
macro(problem text)
  list(APPEND problems "${text}")
endmacro()

# Which layer owns each public header.
foreach(layer IN LISTS ABG_LAYERS)
  file(GLOB headers RELATIVE ${CORE}/${layer}/include/abiguard
    ${CORE}/${layer}/include/abiguard/*.h)
  foreach(h IN LISTS headers)
    if(DEFINED owner_${h})
      problem("abiguard/${h} is public in two layers: ${owner_${h}} and ${layer}")
    endif()
    set(owner_${h} ${layer})
  endforeach()
endforeach()

# What each layer may include: itself and everything below what it links.
foreach(layer IN LISTS ABG_LAYERS)
  set(allowed ${layer})
  set(todo ${ABG_DEPS_${layer}})
  while(todo)
    list(POP_FRONT todo dep)
    if(NOT dep IN_LIST allowed)
      list(APPEND allowed ${dep})
      list(APPEND todo ${ABG_DEPS_${dep}})
    endif()
  endwhile()
  set(allowed_${layer} ${allowed})
endforeach()

# Files of the core outside every layer folder.
file(GLOB_RECURSE all RELATIVE ${CORE} ${CORE}/*.c ${CORE}/*.h)
foreach(f IN LISTS all)
  string(REGEX MATCH "^[^/]+" top "${f}")
  if(NOT top IN_LIST ABG_LAYERS)
    problem("${f} is in no layer (common/<layer>/...)")
  elseif(f MATCHES "\\.h$" AND NOT f MATCHES "^[^/]+/include/abiguard/[^/]+\\.h$")
    problem("${f}: a layer's headers go in <layer>/include/abiguard/")
  endif()
endforeach()

foreach(layer IN LISTS ABG_LAYERS)
  file(GLOB_RECURSE files RELATIVE ${CORE} ${CORE}/${layer}/*.c ${CORE}/${layer}/*.h)
  foreach(f IN LISTS files)
    file(STRINGS ${CORE}/${f} lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      if(line MATCHES "[<\"]abiguard/([^>\"]+)[>\"]")
        set(h ${CMAKE_MATCH_1})
        if(NOT DEFINED owner_${h})
          problem("${f} includes abiguard/${h}, which no layer has")
        elseif(NOT owner_${h} IN_LIST allowed_${layer})
          problem("${f} includes abiguard/${h} of layer ${owner_${h}}, above ${layer} (${layer} links: ${allowed_${layer}})")
        endif()
      elseif(line MATCHES "[<\"](gelf|libelf)\\.h[>\"]" AND NOT layer STREQUAL "elf")
        problem("${f} includes ${CMAKE_MATCH_1}.h: only the elf layer uses libelf")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layer violations:\n  ${text}")
endif()
list(LENGTH ABG_LAYERS n)
message(STATUS "${n} layers, every include points down")
