# The two commands of the README: `make run` and `make test`.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
POWER_CUTS ?= 10000
JOBS       ?= 2
ARGS       ?=

.PHONY: all deps build run test test-asan test-power test-deb fuzz deb bench bench-pg screenshots sample-report clean

all: build

deps:
	@bash tools/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

run: build
	./$(BUILD)/wijkstem $(ARGS)

# The whole suite: unit and end-to-end tests on the normal build, then the unit
# tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: build test-asan
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The sanitizer tree builds only what its tests need: the two unit-test binaries and the
# fuzz targets' corpus replays (the end-to-end tests run on the normal build). It leaves out
# one test, the sweep of every screen with large text and high contrast: 88 s under ASan,
# and its drawing code runs there anyway in the five-shape sweep (normal and A+); the normal
# tree runs it whole. This keeps `make test` on a fresh clone under 20 minutes.
ASAN_TARGETS = unit_tests unit_tests_store $(addprefix fuzz_replay_,pack batch batch_file store_request script free_text population campfire_batch)
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DWIJKSTEM_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS) --target $(ASAN_TARGETS)
	cd $(ASAN_BUILD) && WIJKSTEM_POWER_CUTS=100 ctest --output-on-failure -j$(JOBS) -L 'unit|fuzz' \
	  -E '^large text and high contrast'

# More simulated power cuts than make test's 1000 (tests/test_power_cut.cpp,
# docs/reliability.md); POWER_CUTS and POWER_SEED choose how many and which.
test-power: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) --target unit_tests_store
	WIJKSTEM_POWER_CUTS=$(POWER_CUTS) WIJKSTEM_POWER_SEED=$${POWER_SEED:-17} ./$(BUILD)/unit_tests_store -tc='power cuts*' -s

# Every libFuzzer target (tests/fuzz/) for FUZZ_SECONDS each under ASan and UBSan, in its
# own build tree with Debian's clang; builds only the fuzz targets and their libraries.
fuzz:
	@bash tools/install-deps.sh fuzz
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DWIJKSTEM_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_all
	bash tools/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The two Debian 12 packages into dist/ (docs/install.md), checked with lintian. CPack packs
# the tree `make build` made; lintian (and dpkg-dev's dpkg-shlibdeps) come from Debian.
deb: build
	@command -v lintian > /dev/null && command -v dpkg-shlibdeps > /dev/null || \
	  { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lintian dpkg-dev; } || \
	  { echo "make deb needs: sudo apt-get install -y lintian dpkg-dev" >&2; exit 1; }
	rm -rf dist
	cpack --config $(BUILD)/CPackConfig.cmake -B dist
	rm -rf dist/_CPack_Packages
	lintian --fail-on error dist/*.deb

# Installs, removes and purges both packages with apt-get ON THIS MACHINE (as root): not part
# of make test, it changes the machine. docs/install.md has what it checks.
test-deb: deb
	bash tests/deb_install.sh dist $(BUILD)

bench: build
	@cmake --build $(BUILD) --target bench_kiosk bench_sync -j$(JOBS)
	./$(BUILD)/bench_kiosk
	./$(BUILD)/bench_sync

# The sync bench with every store on PostgreSQL (a cluster of its own, tests/pg_cluster.sh),
# part 3 a bare COPY: docs/performance.md, issue 18.
bench-pg: build
	@cmake --build $(BUILD) --target bench_sync -j$(JOBS)
	bash tests/pg_cluster.sh run ./$(BUILD)/bench_sync --pg

# Regenerates the README screenshots under Xvfb.
screenshots: build
	xvfb-run -a -s "-screen 0 1920x1920x24" ./$(BUILD)/wijkstem --windowed 1280x800 \
	  --data $$(mktemp -d) --script tests/scripts/screenshots.script
	xvfb-run -a -s "-screen 0 1920x1920x24" ./$(BUILD)/wijkstem --windowed 1080x1920 \
	  --data $$(mktemp -d) --script tests/scripts/portrait-screenshots.script
	xvfb-run -a -s "-screen 0 1920x1920x24" ./$(BUILD)/wijkstem --windowed 1024x600 --no-sync \
	  --data $$(mktemp -d) --script tests/scripts/large-text-screenshots.script
	d=$$(mktemp -d) && echo 4711 | ./$(BUILD)/wijkstem set-pin --data $$d > /dev/null && \
	  xvfb-run -a -s "-screen 0 1920x1080x24" ./$(BUILD)/wijkstem --windowed 1920x1080 --no-sync \
	  --data $$d --script tests/scripts/admin-screenshots.script
	d=$$(mktemp -d) && echo 4711 | ./$(BUILD)/wijkstem set-pin --data $$d > /dev/null && \
	  xvfb-run -a -s "-screen 0 1920x1080x24" ./$(BUILD)/wijkstem --windowed 1920x1080 --no-sync \
	  --data $$d --script tests/scripts/campfire-screenshots.script
	d=$$(mktemp -d) && echo 4711 | ./$(BUILD)/wijkstem set-pin --data $$d > /dev/null && \
	  xvfb-run -a -s "-screen 0 1920x1920x24" ./$(BUILD)/wijkstem --windowed 1080x1920 --no-sync \
	  --data $$d --script tests/scripts/portrait-campfire-screenshots.script
	CONSOLE_SCREENSHOTS=assets/screenshots bash tests/e2e_console.sh ./$(BUILD)/wijkstem $(CURDIR)
	NEWS_SCREENSHOTS=assets/screenshots bash tests/e2e_news.sh ./$(BUILD)/wijkstem $(CURDIR)

# Regenerates docs/sample-report/ from made-up data (docs/report.md): a wijk's report and the
# year report of every wijk (jaarrapport/), and the README's screenshots of the year report.
sample-report: build
	bash tools/sample-report.sh ./$(BUILD)/wijkstem-store docs/sample-report
	bash tools/report-screenshots.sh docs/sample-report assets/screenshots

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) dist
