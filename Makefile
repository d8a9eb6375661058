# jindu — the one entry point for building, demoing and testing (CI runs `make test`).
#
#   make demo          build and run the delivery example
#   make test          everything below (installs what it needs)
#   make test-rust     fmt, clippy, tests, docs, vectors, core purity (wasm32 check, cargo tree),
#                      supply chain (make deny: licenses, bans, sources; mk/deny.mk, deny.toml)
#   make test-wasm     npm package under Node (node:test)
#   make test-browser  the Gantt page in headless Chromium (Playwright)
#   make test-python   the Python wheel (pytest)
#   make test-kotlin   the Kotlin/JVM package (JUnit 5)
#   make test-dist     the release artifacts of `make dist` (dist/: npm tarball, wheel, jar, the
#                      jindu command) installed into fresh consumers and smoke-tested (mk/dist.mk)
#   make bench         criterion benchmarks (not part of test)
#   make fuzz          every fuzz target for FUZZ_SECONDS (default 600) each (not part of test)
#   make bench-compare the README's performance tables: jindu vs the C floor, the CLI, the npm
#                      package (bench/compare.py; not part of test)
#   make bench-psplib  the README's levelling table: PSPLIB J30/J60 beside CP-SAT (bench/psplib.py)
#
# Rewriting expectations is never part of `make test`; after a deliberate change, run and review:
#   make bless-mspdi   core/tests/data/mspdi_agreement.tsv from the MSPDI corpus (shared/data/mspdi)
#   make regen-vectors tests/vectors/*.json from tests/vectors/src (refuses on a hand-value mismatch)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(abspath .)
CARGO ?= cargo
# The dev `jindu` (target/debug/jindu) the Node and browser tests run: the one `cargo test
# --workspace` builds for the CLI's integration tests, so after test-rust this does nothing.
# (`cargo build -p jindu-cli` would resolve the core's features for the CLI alone, and even
# `cargo build --workspace` leaves out the dev-dependencies' features: either compiled the core
# once more.)
DEV_CLI = $(CARGO) test -q --workspace --no-run
export CARGO_TERM_COLOR ?= never

.PHONY: demo test test-rust test-rust-core fmt-check clippy doc purity vectors interop-mpxj fuzz-smoke fuzz bench bench-compare bench-psplib tools-npm
.PHONY: bless-mspdi regen-vectors

demo:
	$(CARGO) run --release -q -p jindu-examples --example delivery

test: test-rust test-wasm test-browser test-python test-kotlin test-dist
	@echo "make test: all suites passed"

# `vectors` is not listed: `cargo test --workspace` (test-rust-core) already runs jindu-conformance.
# doc (rustdoc of the core is one thread for about two minutes), purity and fuzz-smoke (each in a
# target directory of its own) and deny (installs cargo-deny once) run side by side on the cores
# doc leaves idle; then interop-mpxj.
test-rust: fmt-check clippy test-rust-core
	$(MAKE) --no-print-directory -j3 --output-sync=target doc purity fuzz-smoke deny
	$(MAKE) --no-print-directory interop-mpxj

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-rust-core:
	$(CARGO) test --workspace

# --workspace, as clippy and the tests select: the same features, so no dependency is checked again.
doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --workspace

# Architecture invariant: the core depends on no host (WASM, FFI) and compiles for wasm32 with
# no feature on (`cargo check`: type and cfg errors are what a host-specific API would give;
# make test-wasm then builds it for wasm32 in full, with `tsify`).
purity:
	rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
	@if $(CARGO) tree -p jindu -e normal --prefix none | grep -Eq '^(wasm-bindgen|js-sys|web-sys|uniffi)'; then \
	  echo "purity: the jindu core must not depend on wasm-bindgen, js-sys, web-sys or uniffi"; exit 1; fi
	CARGO_TARGET_DIR=$(ROOT)/target/purity $(CARGO) check -q -p jindu --target wasm32-unknown-unknown
	@echo "purity: ok (no host dependencies; compiles for wasm32-unknown-unknown)"

# MSPDI export read back by MPXJ 16.10 (a Python venv with the mpxj package and Java, installed
# once under target/mpxj-peers/mpxj-venv; MPXJ_PEERS=/opt/peers uses ../shared/peers' install).
MPXJ_PEERS ?= $(ROOT)/target/mpxj-peers
interop-mpxj:
	@if [ ! -x "$(MPXJ_PEERS)/mpxj-venv/bin/python" ] || ! "$(MPXJ_PEERS)/mpxj-venv/bin/python" -c "import mpxj, jpype" 2>/dev/null; then \
	  command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; }; \
	  python3 -m venv "$(MPXJ_PEERS)/mpxj-venv"; \
	  "$(MPXJ_PEERS)/mpxj-venv/bin/pip" install -q mpxj==16.10.0 jpype1==1.7.1; fi
	PEERS="$(MPXJ_PEERS)" $(CARGO) test -q --workspace --test mspdi_roundtrip -- --include-ignored

# Compares the committed vectors (and their hand-computed values) with the core; never writes.
vectors:
	$(CARGO) test -q -p jindu-conformance

regen-vectors:
	$(CARGO) run -q -p jindu-conformance --bin regen

# A short libFuzzer pass over every target in fuzz/ (FUZZ_SECONDS each, default 10).
fuzz-smoke:
	scripts/fuzz-smoke.sh

# The long campaign (not part of test): every target, or FUZZ_TARGETS="a b", for FUZZ_SECONDS
# (default 600) each, release build, two at a time (FUZZ_JOBS); prints per target the
# executions, exec/s, corpus size and findings. E.g. `make fuzz FUZZ_TARGETS=schedule FUZZ_SECONDS=60`.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_RELEASE=1 FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$${FUZZ_JOBS:-2} scripts/fuzz-smoke.sh

bench:
	$(CARGO) bench -p jindu --bench schedule

# Side by side with the peers on their own networks (bench/README.md); BENCH_ARGS passes options,
# e.g. `make bench-compare BENCH_ARGS="--quick --parts inproc"`.
BENCH_ARGS ?=
bench-compare: wasm-tools
	python3 bench/compare.py $(BENCH_ARGS)
# The MSPDI corpus test compares with core/tests/data/mspdi_agreement.tsv and never writes it.
bless-mspdi:
	$(CARGO) run -q -p jindu-conformance --bin bless-mspdi

tools-npm:
	scripts/install-npm-tools.sh

-include mk/*.mk

# PSPLIB J30 and J60: jindu's RCPSP solver at 1,000 and 5,000 schedules and at 100 ms and 1 s per
# instance, beside CP-SAT at 1 s (needs shared/peers/setup.sh); BENCH_ARGS passes options, e.g.
# `make bench-psplib BENCH_ARGS="--limit 20 --cpsat-ms 0"`. A Markdown table, as in the README.
bench-psplib:
	python3 bench/psplib.py $(BENCH_ARGS)
