# SPDX-License-Identifier: GPL-3.0-or-later
#
# cmake -P abiguardCheck.cmake ABIGUARD check ARGS...
#
# The post-link step of abiguard_check_library(): runs `abiguard check`,
# unless ABIGUARD_OPTIONS sets mode=record or mode=off for this build (the
# compiles then check nothing, and the first baseline may not exist yet),
# so that a build switched by the environment needs no other change.
set(mode "")
set(options "$ENV{ABIGUARD_OPTIONS}") # KEY=VALUE;KEY=VALUE: a CMake list
foreach(item IN LISTS options)
  string(STRIP "${item}" item)
  if(item MATCHES "^mode=(.*)$")
    set(mode "${CMAKE_MATCH_1}") # the last one wins, as in the plugins
  endif()
endforeach()
if(mode STREQUAL "record" OR mode STREQUAL "off")
  message(STATUS "abiguard: no post-link check (ABIGUARD_OPTIONS: mode=${mode})")
  return()
endif()

# Everything after the script's own name is the command.
set(command "")
math(EXPR last "${CMAKE_ARGC} - 1")
set(after_script FALSE)
foreach(i RANGE 1 ${last})
  if(after_script)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} MATCHES "abiguardCheck[.]cmake$")
    set(after_script TRUE)
  endif()
endforeach()
execute_process(COMMAND ${command} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  # cmake -P exits 1 here: the build fails, as with the check itself.
  message(FATAL_ERROR "abiguard check failed (exit status ${status})")
endif()
