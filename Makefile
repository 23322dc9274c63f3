# The two commands of the README: `make run` (the tour) and `make test` (everything CI runs).
# Both build in release mode: the demos are measured, and the allocation counts the tests pin
# are those of optimised code (a debug build adds the runtime's own allocations). They share one
# build: `swift test` would build every module again with flags of its own, so the tests are
# built with `swift build --build-tests` (the modules `make run` built, plus the test targets)
# and run with `swift test --skip-build`.
SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)/zctour
PREFIX ?= /usr/local
VERSION := $(shell sed -n 's/.*current = "\(.*\)".*/\1/p' Sources/Tour/App/Version.swift)
TARBALL := dist/zctour-$(VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: run test build deps clean bench goals format lint dist dist-check install uninstall fuzz

run: build
	@$(BIN) $(ARGS)

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps lint
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build

# The fuzz targets (Tests/TourTests/FuzzTests.swift: random command lines and mutated lessons
# through the parsers) for longer than the two seconds each `make test` gives them, from a new
# seed each time (printed; FUZZ_SEED=N repeats a run). A trap leaves its case in
# $TMPDIR/zctour-fuzz-last-case.
FUZZ_SECONDS ?= 120
FUZZ_SEED ?= $(shell date +%s)
fuzz: deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	@echo "fuzzing for $(FUZZ_SECONDS) s per target, seed $(FUZZ_SEED)"
	ZCTOUR_FUZZ_SECONDS=$(FUZZ_SECONDS) ZCTOUR_FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test -c $(CONFIG) --skip-build --filter FuzzTests

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

# The goals compare the download server with nginx: scripts/fetch-nginx.sh finds one or unpacks
# Debian's package into Benchmarks/.build/nginx (never installed); without it, that row says so.
goals: build
	cd Benchmarks && $(SWIFT) build -c release --product zctour-goals && $(SWIFT) build -c release --product startup-floor
	-@./scripts/fetch-nginx.sh Benchmarks/.build/nginx >/dev/null
	cd Benchmarks && .build/release/zctour-goals $(GOALS_ARGS)

# A tarball that runs without Swift (scripts/dist.sh says what is in it), the check that it does
# (scripts/dist-check.sh: in a mount namespace with the toolchain hidden; CI runs it), and an
# install of it: PREFIX/bin, share/zctour, the man page and the shell completions.
dist: deps
	./scripts/dist.sh

dist-check: dist build
	./scripts/dist-check.sh

install: dist
	@stage=$$(mktemp -d) && trap 'rm -rf "$$stage"' EXIT && \
	tar -xzf $(TARBALL) -C "$$stage" && \
	"$$stage"/zctour-$(VERSION)-linux-$$(uname -m)/install.sh "$(PREFIX)"

uninstall:
	./packaging/install.sh --uninstall "$(PREFIX)"

deps:
	@./scripts/ensure-deps.sh

clean:
	rm -rf .build .build-dist Benchmarks/.build dist
