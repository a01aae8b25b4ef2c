# Kader — build, run, test, install.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CODER   ?=
PROJECT ?= .

CODER_FLAG := $(if $(CODER),--coder $(CODER),)

VERSION := $(shell sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/kader/KaderCommand.swift)
ARCH    := $(shell uname -m)
# Every release build (run, install, dist) uses the same flags, so the second target reuses the
# first one's build. The Swift runtime and Foundation are linked in: the binary needs only the
# C and C++ libraries, libncursesw6, libxml2 and zlib on the target machine.
RELEASE_FLAGS := -c release --product kader --static-swift-stdlib
RELEASE_BIN    = $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/kader
DIST_NAME     := kader-$(VERSION)-linux-$(ARCH)
GEN           := .build/generated

.PHONY: all build release run test install dist dist-check man completions lint format bench bench-deps fuzz fuzz-build fuzz-list clean

all: build

build:
	$(SWIFT) build

release:
	$(SWIFT) build $(RELEASE_FLAGS)

## make run: build (release) and open the coding TUI on the sample project (CODER=name optional)
run: release
	"$(RELEASE_BIN)" code --project $(PROJECT) $(CODER_FLAG)

## make test: every test, including the tmux end-to-end tests (they drive the debug binaries
## kader and kader-dev; without a build they are reported as skipped)
test:
	$(SWIFT) build --build-tests
	bin="$$($(SWIFT) build --show-bin-path)"; KADER_BIN="$$bin/kader" KADER_DEV_BIN="$$bin/kader-dev" $(SWIFT) test --skip-build

## make man / completions: the man page, generated from the command definitions (the ToolInfo
## JSON of `kader --experimental-dump-help`, by scripts/generate-manual.py), and bash/zsh/fish
## completion scripts, from the release binary, into .build/generated/
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)
man: release
	mkdir -p $(GEN)/man
	"$(RELEASE_BIN)" --experimental-dump-help | python3 scripts/generate-manual.py "$(VERSION)" "$(MAN_DATE)" > $(GEN)/man/kader.1
	@test -s $(GEN)/man/kader.1

completions: release
	mkdir -p $(GEN)/completions
	"$(RELEASE_BIN)" --generate-completion-script bash > $(GEN)/completions/kader.bash
	"$(RELEASE_BIN)" --generate-completion-script zsh  > $(GEN)/completions/_kader
	"$(RELEASE_BIN)" --generate-completion-script fish > $(GEN)/completions/kader.fish

## make install PREFIX=…: the release binary, its man page and completions (no second build)
install: release man completions
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 "$(RELEASE_BIN)" "$(DESTDIR)$(PREFIX)/bin/kader"
	install -m 0644 $(GEN)/man/*.1 "$(DESTDIR)$(PREFIX)/share/man/man1/"
	install -m 0644 $(GEN)/completions/kader.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/kader"
	install -m 0644 $(GEN)/completions/_kader "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_kader"
	install -m 0644 $(GEN)/completions/kader.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/kader.fish"

## make dist: dist/kader-<version>-linux-<arch>.tar.gz with bin/kader (Swift runtime linked in, stripped),
## the man page, completions and README; unpack it and run bin/kader, or copy its tree into a prefix.
dist: release man completions
	rm -rf dist/$(DIST_NAME) dist/$(DIST_NAME).tar.gz
	$(MAKE) --no-print-directory install PREFIX= DESTDIR=dist/$(DIST_NAME)
	strip dist/$(DIST_NAME)/bin/kader
	install -m 0644 README.md dist/$(DIST_NAME)/README.md
	tar -C dist -czf dist/$(DIST_NAME).tar.gz $(DIST_NAME)
	@echo "dist/$(DIST_NAME).tar.gz"

## make dist-check: unpack the tarball and run its kader with the Swift toolchain hidden (an empty
## tmpfs over the toolchain's folder, in a private mount namespace; needs root or user namespaces).
SWIFT_ROOT := $(shell dirname "$$(dirname "$$(readlink -f "$$(command -v $(SWIFT))")")")
dist-check: dist
	rm -rf dist/check && mkdir -p dist/check && tar -C dist/check -xzf dist/$(DIST_NAME).tar.gz
	@! ldd dist/check/$(DIST_NAME)/bin/kader | grep -i swift || { echo "dist-check: kader links a Swift library"; exit 1; }
	unshare -m --map-root-user sh -c 'mount -t tmpfs none "$(SWIFT_ROOT)" && \
	  cd dist/check/$(DIST_NAME) && ./bin/kader --version && ./bin/kader init /tmp/kader-dist-check-$$$$ --codebook analysekader && \
	  ./bin/kader status --project /tmp/kader-dist-check-$$$$; rm -rf /tmp/kader-dist-check-$$$$'
	man -l dist/check/$(DIST_NAME)/share/man/man1/kader.1 >/dev/null
	@echo "dist-check: bin/kader runs without $(SWIFT_ROOT)"

## make lint: swift-format (configuration .swift-format) on every Swift file of the tree, as CI
## runs it. make format: rewrite files in place (FILES=… or the whole tree; see scripts/format.sh).
lint:
	scripts/lint.sh

format:
	scripts/format.sh $(FILES)

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
	rm -rf .build .build-fuzz dist
