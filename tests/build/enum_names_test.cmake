# ctest: CM_ENUM_NAMES refuses a names list shorter or longer than its enum, at compile time.
# Compiles tests/build/enum_names_probe.cc three ways with the C++ compiler of the build:
# the exact list must compile; one name short and one name over must fail with the macro's
# message (not some other error).
# Usage: cmake -DCXX=... -DINCLUDE=DIR -DSOURCE=FILE -P enum_names_test.cmake
cmake_minimum_required(VERSION 3.25)
foreach(case exact short long)
  set(define "")
  if(case STREQUAL "short")
    set(define -DCM_PROBE_SHORT)
    set(what "with one name too few")
  elseif(case STREQUAL "long")
    set(define -DCM_PROBE_LONG)
    set(what "with one name too many")
  endif()
  execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -I${INCLUDE} ${define} ${SOURCE}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(case STREQUAL "exact")
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "a names list as long as its enum did not compile:\n${out}")
    endif()
  elseif(rc EQUAL 0)
    message(FATAL_ERROR "a names list ${what} compiled")
  elseif(NOT out MATCHES "CM_ENUM_NAMES\\(Probe, \\.\\.\\.\\) must list one name per enumerator")
    message(FATAL_ERROR "a names list ${what} failed, but not with CM_ENUM_NAMES's message:\n${out}")
  else()
    message(STATUS "a names list ${what}: refused at compile time")
  endif()
endforeach()
