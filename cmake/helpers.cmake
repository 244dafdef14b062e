# sc_library(NAME SOURCES ... DEPS ...): one module = one static library `sc_NAME`.
# Our own code gets the strict warnings; third-party headers come in as SYSTEM.
set(SC_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Werror)

function(sc_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;SYSTEM_INCLUDES" ${ARGN})
  add_library(sc_${name} STATIC ${ARG_SOURCES})
  target_include_directories(sc_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  if(ARG_SYSTEM_INCLUDES)
    target_include_directories(sc_${name} SYSTEM PRIVATE ${ARG_SYSTEM_INCLUDES})
  endif()
  target_compile_options(sc_${name} PRIVATE ${SC_WARNINGS})
  target_link_libraries(sc_${name} PUBLIC ${ARG_DEPS})
endfunction()

# sc_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with CTest.
function(sc_test name)
  if(NOT SC_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;SYSTEM_INCLUDES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${SC_WARNINGS})
  if(ARG_SYSTEM_INCLUDES)
    target_include_directories(${name} SYSTEM PRIVATE ${ARG_SYSTEM_INCLUDES})
  endif()
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    SC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SC_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} PROPERTIES TIMEOUT 600)
endfunction()
