# Kader — build, run, test, install.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CODER   ?=
PROJECT ?= .

CODER_FLAG := $(if $(CODER),--coder $(CODER),)

.PHONY: all build release run test install bench bench-deps fuzz fuzz-build fuzz-list clean

all: build

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product kader

## make run: build (release) and open the coding TUI on the sample project (CODER=name optional)
run: release
	$(SWIFT) build -c release --show-bin-path >/dev/null
	"$$($(SWIFT) build -c release --show-bin-path)/kader" code --project $(PROJECT) $(CODER_FLAG)

## make test: every test, including the tmux end-to-end tests (they drive the debug binary)
test:
	$(SWIFT) build --build-tests
	KADER_BIN="$$($(SWIFT) build --show-bin-path)/kader" $(SWIFT) test --skip-build

install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/kader" "$(DESTDIR)$(PREFIX)/bin/kader"

## make bench: release-build kader-bench, generate the synthetic corpora under bench/out/ (once),
## run every measurement and write bench/results.md. BENCH_QUICK=1 for smaller sizes.
bench: bench-deps
	$(SWIFT) build -c release --product kader-bench
	$(SWIFT) build -c release --product kader
	"$$($(SWIFT) build -c release --show-bin-path)/kader-bench"

## The Python `krippendorff` package for the agreement comparison (best effort; skipped if absent).
bench-deps:
	@python3 -c "import krippendorff" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check krippendorff 2>/dev/null || echo "note: Python krippendorff not installed; the agreement row will not be compared"

## make fuzz: libFuzzer + AddressSanitizer targets (package Fuzz/, built in .build-fuzz/), each run
## FUZZ_SECONDS (default 600). FUZZ_TARGETS=... picks some (default: all; `make fuzz-list`).
## Findings land in .build-fuzz/findings/<target>/; copy them to Fuzz/regressions/<target>/.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?=
# FoundationXML leaks a CFError on every XML parse error (libxml2 callback), so leak reports are off by default.
FUZZ_DETECT_LEAKS ?= 0
FUZZ_BUILD := $(SWIFT) build --package-path Fuzz --scratch-path .build-fuzz -c debug \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fuzz-build:
	$(FUZZ_BUILD) --product KaderFuzz

fuzz-list: fuzz-build
	@KADER_FUZZ_TARGET=list "$$($(FUZZ_BUILD) --show-bin-path)/KaderFuzz"

fuzz: fuzz-build
	@bin="$$($(FUZZ_BUILD) --show-bin-path)/KaderFuzz"; \
	targets="$(FUZZ_TARGETS)"; [ -n "$$targets" ] || targets="$$(KADER_FUZZ_TARGET=list "$$bin")"; \
	status=0; \
	for t in $$targets; do \
	  mkdir -p .build-fuzz/findings/$$t .build-fuzz/work/$$t Fuzz/corpus/$$t; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=$(FUZZ_DETECT_LEAKS) KADER_FUZZ_TARGET=$$t "$$bin" -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 -max_len=65536 -detect_leaks=$(FUZZ_DETECT_LEAKS) \
	    -print_final_stats=1 -artifact_prefix=.build-fuzz/findings/$$t/ .build-fuzz/work/$$t Fuzz/corpus/$$t \
	    || { echo "!! fuzz $$t found a problem: see .build-fuzz/findings/$$t/"; status=1; }; \
	done; exit $$status

clean:
	rm -rf .build .build-fuzz
