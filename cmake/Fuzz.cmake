# Fuzz.cmake - ECSLINT_FUZZ=ON builds everything with libFuzzer coverage and
# ASan+UBSan, so fuzz/fuzz_*.c link as libFuzzer binaries (fuzz/run.sh).
# Included before any target is defined: the flags must reach the core too.
option(ECSLINT_FUZZ "Build the fuzz/ harnesses with libFuzzer (needs clang: CC=clang)" OFF)
if(ECSLINT_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ECSLINT_FUZZ needs clang (libFuzzer): configure with CC=clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
