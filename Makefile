# corridor: two commands on a fresh Debian 12 machine.
#   make run   installs missing packages, configures, builds, runs the baseline scenario
#   make test  same set-up, then the whole test suite with ctest
# Other targets: make build, make deps, make docs (regenerate tool output quoted in the docs),
# make sanitize (ASan+UBSan test run), make clean.

BUILD_DIR    ?= build
BUILD_TYPE   ?= Release
JOBS         ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS  ?=
WERROR       ?= $(if $(CI),ON,OFF)

# Debian packages the build needs (package name = what apt-get installs).
DEB_PACKAGES := g++ cmake make ninja-build python3 libboost-graph-dev nlohmann-json3-dev libcli11-dev doctest-dev

.PHONY: all deps build run test docs sanitize clean

all: build

# Installs whatever is missing; as non-root prints the exact command and stops.
deps:
	@./.ci/install-deps $(DEB_PACKAGES)

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCORRIDOR_WERROR=$(WERROR) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/corridor run scenarios/baseline.json

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

docs: build
	python3 tests/tools/doc_blocks.py update $(BUILD_DIR)/corridor README.md docs/calibration.md

sanitize: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCORRIDOR_SANITIZE=ON -DCORRIDOR_WERROR=$(WERROR)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR) build-asan
