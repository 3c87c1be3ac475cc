# SPDX-License-Identifier: GPL-3.0-or-later
cmake_minimum_required(VERSION 3.20)
# An upward include fails the build: compile, with the include directories
# the build gives layer LAYER, one probe per public header of the core.
#
#   cmake -DCC=<C compiler> -DLAYER=<layer> -DINCLUDES=<dir|dir...>
#         -DCORE=<common dir> -DGRAPH=<layers.cmake> -DOUT=<dir>
#         -P probe-build.cmake
#
# A header of LAYER or of a layer below it must compile (so the probes
# are sound); a header of any other layer must fail, with the compiler
# naming that header as not found.

foreach(v CC LAYER INCLUDES CORE GRAPH OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "probe-build.cmake: ${v} not set")
  endif()
endforeach()
include(${GRAPH})
string(REPLACE "|" ";" INCLUDES "${INCLUDES}")
set(flags -std=c11 -D_XOPEN_SOURCE=700 -fsyntax-only)
foreach(dir IN LISTS INCLUDES)
  list(APPEND flags -I${dir})
endforeach()

set(allowed ${LAYER})
set(todo ${ABG_DEPS_${LAYER}})
while(todo)
  list(POP_FRONT todo dep)
  if(NOT dep IN_LIST allowed)
    list(APPEND allowed ${dep})
    list(APPEND todo ${ABG_DEPS_${dep}})
  endif()
endwhile()

file(MAKE_DIRECTORY ${OUT})
set(problems "")
set(nfail 0)
set(npass 0)
foreach(layer IN LISTS ABG_LAYERS)
  file(GLOB headers RELATIVE ${CORE}/${layer}/include/abiguard
    ${CORE}/${layer}/include/abiguard/*.h)
  foreach(h IN LISTS headers)
    string(REPLACE ".h" "" stem ${h})
    set(probe ${OUT}/${layer}-${stem}.c)
    file(WRITE ${probe} "#include \"abiguard/${h}\"\nint probe;\n")
    execute_process(COMMAND ${CC} ${flags} ${probe}
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(layer IN_LIST allowed)
      if(NOT rc EQUAL 0)
        list(APPEND problems "${LAYER} cannot include abiguard/${h} of ${layer}, which it links:\n${out}")
      endif()
      math(EXPR npass "${npass} + 1")
    else()
      if(rc EQUAL 0)
        list(APPEND problems "${LAYER} can include abiguard/${h} of ${layer}, a layer it must not see")
      elseif(NOT out MATCHES "abiguard/${stem}\\.h: No such file"
             AND NOT out MATCHES "'abiguard/${stem}\\.h' file not found")
        # found, and failing further in: on the path all the same
        list(APPEND problems "${LAYER} finds abiguard/${h} of ${layer}, a layer it must not see:\n${out}")
      endif()
      math(EXPR nfail "${nfail} + 1")
    endif()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layer ${LAYER}:\n  ${text}")
endif()
message(STATUS "layer ${LAYER}: ${npass} headers of its own and below compile, ${nfail} from elsewhere are not found")
