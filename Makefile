# corridor: two commands on a fresh Debian 12 machine.
#   make run   installs missing packages, configures, builds only the corridor executable, runs the baseline scenario
#   make test  same set-up, then the whole test suite with ctest
# Other targets: make build, make deps, make browser-deps, make docs (regenerate tool output quoted in the docs),
# make docs-images (the report and app screenshots), make serve-load (the server's load test, rewrites its
# section of docs/performance.md), make sanitize (ASan+UBSan test run),
# make fuzz (libFuzzer targets, FUZZ_SECONDS each), make clean,
# make bench (corridor against Boost CSR, LEMON and NetworkX; rewrites docs/performance.md; its run time is in there),
# make bench-equilibrium (only its equilibrium assignment section: corridor against NetworkX Frank-Wolfe).

BUILD_DIR    ?= build
BUILD_TYPE   ?= Release
JOBS         ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS  ?=
WERROR       ?= $(if $(CI),ON,OFF)
# Unity build (CMakeLists.txt, CORRIDOR_UNITY_BUILD): about half the CPU time of a clean build.
# UNITY=OFF compiles one object per file, which rebuilds less after editing one file.
UNITY        ?= ON

# Debian packages the build needs (package name = what apt-get installs).
DEB_PACKAGES := g++ cmake make ninja-build python3 libboost-graph-dev nlohmann-json3-dev libcli11-dev doctest-dev libglpk-dev libsimdjson-dev
# corridor serve: cpp-httplib (a compiled library in Debian; found with pkg-config).
DEB_PACKAGES += libcpp-httplib-dev pkgconf
# The sweep job examples are checked with python3-yaml and shellcheck (tests/tools/check_job_examples.py).
DEB_PACKAGES += python3-yaml shellcheck
# The benchmark binary (its smoke run is a test): Google Benchmark, and LEMON as a peer.
DEB_PACKAGES += libbenchmark-dev liblemon-dev
# NetworkX, the Python peer of make bench; the equilibrium benchmark's smoke test runs it too.
# SciPy (HiGHS) is the LP of the plausible-route max flow's Python peer (bench and its smoke test).
DEB_PACKAGES += python3-networkx python3-scipy
BENCH_PACKAGES := python3-networkx python3-scipy
BENCH_SIZES  ?= 1000,10000,100000,1000000
# Debian's python3, whose networkx is the python3-networkx package (not a pip one on PATH).
BENCH_PYTHON ?= /usr/bin/python3
# (LEMON is also what the tests cross-check the solvers against.)
# libFuzzer needs clang and its runtime (make fuzz only).
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := network scenario solve snapshot
# The browser test of the HTML report (tests/browser) also needs Chromium, a font and node/npm;
# Debian's nodejs/npm only when no node/npm is installed at all (e.g. one from NodeSource).
BROWSER_PACKAGES := chromium chromium-driver fonts-dejavu-core ca-certificates \
  $(if $(shell command -v node 2>/dev/null),,nodejs) $(if $(shell command -v npm 2>/dev/null),,npm)
BROWSER_MODULES := tests/browser/node_modules/.package-lock.json

.PHONY: all deps browser-deps build run test docs docs-images serve-load sanitize fuzz-deps fuzz clean bench bench-equilibrium

all: build

# Installs whatever is missing; as non-root prints the exact command and stops.
deps:
	@./.ci/install-deps $(DEB_PACKAGES)

# After deps: never two apt-get runs at once, even with make -j.
browser-deps: deps
	@./.ci/install-deps $(BROWSER_PACKAGES)
	@$(MAKE) --no-print-directory $(BROWSER_MODULES)

# playwright-core (no browser download: the test drives Debian's /usr/bin/chromium).
$(BROWSER_MODULES): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
	touch $@

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCORRIDOR_WERROR=$(WERROR) -DCORRIDOR_UNITY_BUILD=$(UNITY) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Only the executable: a newcomer's first run does not wait for the test suite and benchmarks.
run: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) --target corridor -j $(JOBS)
	$(BUILD_DIR)/corridor run scenarios/baseline.json

test: build browser-deps
	cd $(BUILD_DIR) && CORRIDOR_REQUIRE_BROWSER=1 ctest --output-on-failure -j $(JOBS)

docs: build
	python3 tests/tools/doc_blocks.py update $(BUILD_DIR)/corridor README.md docs/calibration.md docs/outputs.md docs/cli.md docs/model.md docs/capacity.md docs/reliability.md docs/sweeps.md

# The report screenshot in docs/outputs.md (pngquant, if installed, keeps it small).
docs-images: build browser-deps
	node tests/browser/docs-screenshot.js $(BUILD_DIR)/corridor . docs/images/report.png
	if command -v pngquant >/dev/null; then pngquant --quality=70-95 --speed 1 --force --output docs/images/report.png docs/images/report.png; fi
	BROWSER_TEST=serve.test.js sh tests/browser/run.sh $(BUILD_DIR)/corridor . $(BUILD_DIR)/serve-shots
	cp $(BUILD_DIR)/serve-shots/serve-route.png docs/images/serve.png
	if command -v pngquant >/dev/null; then pngquant --quality=70-95 --speed 1 --force --output docs/images/serve.png docs/images/serve.png; fi

# `corridor serve` under load (16 clients on loopback); writes the figures into docs/performance.md.
serve-load: build
	python3 tests/server/load_test.py $(BUILD_DIR)/corridor --write-doc docs/performance.md

bench: build
	@./.ci/install-deps $(BENCH_PACKAGES)
	$(BENCH_PYTHON) tests/benchmarks/run_bench.py --corridor $(BUILD_DIR)/corridor \
	  --bench $(BUILD_DIR)/tests/benchmarks/corridor_bench --sizes $(BENCH_SIZES) --work $(BUILD_DIR)/bench \
	  --reliability-bench $(BUILD_DIR)/tests/reliability_bench \
	  --out docs/performance.md

# Only the equilibrium section of make bench (corridor against NetworkX Frank-Wolfe): measures it
# and replaces only that section of docs/performance.md.
bench-equilibrium: build
	@./.ci/install-deps $(BENCH_PACKAGES)
	$(BENCH_PYTHON) tests/benchmarks/run_bench.py --only equilibrium --corridor $(BUILD_DIR)/corridor \
	  --bench $(BUILD_DIR)/tests/benchmarks/corridor_bench --work $(BUILD_DIR)/bench --out docs/performance.md

# One clang tree, build-asan, for the sanitizer suite and the fuzz targets: ASan + UBSan at -O1
# (about three times faster than GCC at -O0 here; GCC 12 at -O1 with ASan gives false
# -Wmaybe-uninitialized warnings), with libFuzzer's coverage instrumentation (CORRIDOR_FUZZ), so
# that make fuzz after make sanitize only links its targets.
SANITIZE_CONFIGURE = CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCORRIDOR_SANITIZE=ON -DCORRIDOR_FUZZ=ON -DCORRIDOR_WERROR=$(WERROR) \
  -DCORRIDOR_UNITY_BUILD=$(UNITY) $(CMAKE_FLAGS)

# The whole suite in that tree; the LEMON cross-checks run on 500 networks here.
sanitize: fuzz-deps
	$(SANITIZE_CONFIGURE)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp:print_suppressions=0 CORRIDOR_CROSSCHECK_NETWORKS=$${CORRIDOR_CROSSCHECK_NETWORKS:-500} ctest --output-on-failure -j $(JOBS)

# After deps: never two apt-get runs at once.
fuzz-deps: deps
	@./.ci/install-deps $(FUZZ_PACKAGES)

# Each libFuzzer target (tests/fuzz) for FUZZ_SECONDS from the committed seed corpus, all side by
# side (tests/fuzz/run_targets.sh); any crash, leak, timeout (10 s per input), sanitizer report or
# failed certificate fails. New inputs go to build-asan/corpus, findings to build-asan/artifacts.
fuzz: fuzz-deps
	$(SANITIZE_CONFIGURE)
	cmake --build build-asan -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	tests/fuzz/run_targets.sh build-asan $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD_DIR) build-asan
