# The two commands of the README: `make run` (the tour) and `make test` (everything CI runs).
# Both build in release mode: the demos are measured, and the allocation counts the tests pin
# are those of optimised code (a debug build adds the runtime's own allocations).
SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)/zctour

.PHONY: run test build deps clean bench goals format lint

run: build
	@$(BIN) $(ARGS)

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps lint
	$(SWIFT) test -c $(CONFIG)

# The code stays as swift-format (shipped with the toolchain) writes it: `make format` rewrites,
# `make lint` (part of `make test`) fails on any difference. Settings in .swift-format.
FORMATTED := Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Sources Benchmarks/Benchmarks

format:
	$(SWIFT) format --in-place --recursive --parallel $(FORMATTED)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)

# The benchmarks (Benchmarks/, a package of its own, never part of `make test`): package-benchmark's
# suite (BENCH_ARGS are passed to it, e.g. BENCH_ARGS="--filter 'sendfile.*'"), then the goals,
# checked as ratios measured in one interleaved run; `make goals` runs only those. Both fail
# loudly: package-benchmark on a benchmark that errs, zctour-goals (exit 1) on a missed goal.
bench: build
	cd Benchmarks && $(SWIFT) package benchmark $(BENCH_ARGS)
	$(MAKE) goals

goals: build
	cd Benchmarks && $(SWIFT) build -c release --product zctour-goals && $(SWIFT) build -c release --product startup-floor
	cd Benchmarks && .build/release/zctour-goals $(GOALS_ARGS)

deps:
	@./scripts/ensure-deps.sh

clean:
	rm -rf .build Benchmarks/.build
