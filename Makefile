# The two commands of the README: `make run` (the tour) and `make test` (everything CI runs).
# Both build in release mode: the demos are measured, and the allocation counts the tests pin
# are those of optimised code (a debug build adds the runtime's own allocations).
SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)/zctour

.PHONY: run test build deps clean

run: build
	@$(BIN) $(ARGS)

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) test -c $(CONFIG)

deps:
	@./scripts/ensure-deps.sh

clean:
	rm -rf .build
