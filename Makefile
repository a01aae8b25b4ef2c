# Kader — build, run, test, install.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CODER   ?=
PROJECT ?= .

CODER_FLAG := $(if $(CODER),--coder $(CODER),)

.PHONY: all build release run test install bench clean

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

clean:
	rm -rf .build
