# ndfit — the two set-up commands are `make run` and `make test`.
# Both install what is missing (LAPACKE and OpenBLAS from Debian's packages),
# build, and then run the tool or the tests.

SWIFT ?= swift
APT_PACKAGES := liblapacke-dev libopenblas-dev
# The figure tests render every SVG with rsvg-convert.
TEST_APT_PACKAGES := librsvg2-bin
RELEASE := .build/release
# Release binaries link the Swift runtime statically: it halves start-up
# (about 13 ms instead of 30 ms for `ndfit fit`).
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: run test bench build deps test-deps clean docs-reference

run: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product ndfit
	$(RELEASE)/ndfit fit --scl-v 3

# The tests run the documentation's command lines (1000-die Monte Carlo among
# them) through a release build of ndfit: in a debug build they take most of
# an hour on two loaded cores.
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) build $(RELEASE_FLAGS) --product ndfit
	NDFIT_BINARY="$(CURDIR)/$(RELEASE)/ndfit" $(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product ndfit
	$(SWIFT) build $(RELEASE_FLAGS) --product NeuroDynBench
	$(RELEASE)/NeuroDynBench

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# Regenerates docs/cli.md from the help of a debug build; CLIReferenceTests
# fails until it is run after a change to an option or its help.
docs-reference: deps
	$(SWIFT) build --product ndfit
	./scripts/cli-reference.sh .build/debug/ndfit

# Installs LAPACKE/OpenBLAS with apt-get when pkg-config cannot find lapacke.
deps:
	@./scripts/ensure-packages.sh lapacke $(APT_PACKAGES)

# Installs librsvg2-bin with apt-get when rsvg-convert is not on PATH.
test-deps:
	@./scripts/ensure-packages.sh --command rsvg-convert $(TEST_APT_PACKAGES)

clean:
	rm -rf .build
