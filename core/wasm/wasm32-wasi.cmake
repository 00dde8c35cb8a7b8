# CMake toolchain for WebAssembly with Debian's clang and WASI sysroot (packages clang-19, lld-19,
# wasi-libc, libc++-19-dev-wasm32, libc++abi-19-dev-wasm32, libclang-rt-19-dev-wasm32). Debian
# installs the sysroot under the plain `wasm32-wasi` triple in /usr, so no --sysroot is needed.
set(CMAKE_SYSTEM_NAME Generic)  # CMake 3.25 has no WASI platform module
set(CMAKE_SYSTEM_PROCESSOR wasm32)

set(XTHREADS_LLVM_VERSION 19 CACHE STRING "Major version of Debian's clang used for wasm")
set(CMAKE_C_COMPILER clang-${XTHREADS_LLVM_VERSION})
set(CMAKE_CXX_COMPILER clang++-${XTHREADS_LLVM_VERSION})
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)

# Nothing from the host: headers and libraries come from the wasm32-wasi sysroot only.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
