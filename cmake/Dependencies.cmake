# Finds every library entgraph needs. Each one is a Debian 12 package; when one is missing the
# configure step stops and names the package to install (scripts/setup.sh installs them all).

function(entgraph_missing what package)
  message(FATAL_ERROR
    "entgraph: ${what} was not found.\n"
    "Install the Debian package '${package}' (as root: apt-get install ${package}),\n"
    "or run 'bash scripts/setup.sh', which installs everything entgraph needs.")
endfunction()

find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  entgraph_missing("pkg-config" "pkg-config")
endif()

find_package(ICU COMPONENTS uc i18n)
if(NOT ICU_FOUND)
  entgraph_missing("ICU" "libicu-dev")
endif()

find_package(SQLite3)
if(NOT SQLite3_FOUND)
  entgraph_missing("SQLite3" "libsqlite3-dev")
endif()

find_package(CLI11 CONFIG QUIET)
if(NOT CLI11_FOUND)
  entgraph_missing("CLI11" "libcli11-dev")
endif()

find_package(nlohmann_json 3.10 CONFIG QUIET)
if(NOT nlohmann_json_FOUND)
  entgraph_missing("nlohmann-json" "nlohmann-json3-dev")
endif()

find_package(Boost 1.74 QUIET COMPONENTS graph)
if(NOT Boost_FOUND)
  entgraph_missing("Boost.Graph" "libboost-graph-dev")
endif()

pkg_check_modules(GRAPHVIZ QUIET IMPORTED_TARGET libgvc libcgraph)
if(NOT GRAPHVIZ_FOUND)
  entgraph_missing("Graphviz (libgvc, libcgraph)" "libgraphviz-dev")
endif()

pkg_check_modules(XXHASH QUIET IMPORTED_TARGET libxxhash)
if(NOT XXHASH_FOUND)
  entgraph_missing("xxHash" "libxxhash-dev")
endif()

if(ENTGRAPH_TESTS)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    entgraph_missing("GoogleTest" "libgtest-dev")
  endif()
endif()

if(ENTGRAPH_BENCH)
  find_package(benchmark QUIET)
  if(NOT benchmark_FOUND)
    entgraph_missing("Google Benchmark" "libbenchmark-dev")
  endif()
endif()
