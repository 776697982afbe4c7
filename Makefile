# The two commands of the README: `make run` and `make test`.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
ARGS       ?=

.PHONY: all deps build run test test-asan bench screenshots sample-report clean

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

test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DWIJKSTEM_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j$(JOBS)

bench: build
	@cmake --build $(BUILD) --target bench_kiosk bench_sync -j$(JOBS)
	./$(BUILD)/bench_kiosk
	./$(BUILD)/bench_sync

# Regenerates the README screenshots under Xvfb.
screenshots: build
	xvfb-run -a -s "-screen 0 1920x1080x24" ./$(BUILD)/wijkstem --windowed 1920x1080 \
	  --data $$(mktemp -d) --script tests/scripts/screenshots.script
	d=$$(mktemp -d) && echo 4711 | ./$(BUILD)/wijkstem set-pin --data $$d > /dev/null && \
	  xvfb-run -a -s "-screen 0 1920x1080x24" ./$(BUILD)/wijkstem --windowed 1920x1080 --no-sync \
	  --data $$d --script tests/scripts/admin-screenshots.script
	d=$$(mktemp -d) && echo 4711 | ./$(BUILD)/wijkstem set-pin --data $$d > /dev/null && \
	  xvfb-run -a -s "-screen 0 1920x1080x24" ./$(BUILD)/wijkstem --windowed 1920x1080 --no-sync \
	  --data $$d --script tests/scripts/campfire-screenshots.script
	CONSOLE_SCREENSHOTS=assets/screenshots bash tests/e2e_console.sh ./$(BUILD)/wijkstem $(CURDIR)

# Regenerates docs/sample-report/ from made-up data (docs/report.md).
sample-report: build
	bash tools/sample-report.sh ./$(BUILD)/wijkstem-store docs/sample-report

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
