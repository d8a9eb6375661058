# The WebAssembly binding: the npm package `jindu` (bindings/wasm) and the Gantt demo (examples/web).
#
#   make test-wasm     build the package (bindings/wasm/pkg) and run its Node tests (node:test)
#   make test-browser  the Gantt demo in headless Chromium, driven by Playwright
#   make bench-wasm    the Node benchmark: 10k-task network, full schedule and incremental edits
#   make wasm-size     the size check (part of test-wasm): gzipped .wasm and npm tarball, the
#                      budget, the README's figure; writes target/wasm-size.json
#   make wasm-bloat    what each crate costs in the .wasm (twiggy, into tools/cargo), and what
#                      splitting the file readers into a second module would save
#
# Each target installs what it needs and skips what is there: the wasm32 target, wasm-bindgen-cli
# at exactly the version the crate pins (into tools/cargo; ~5 minutes once), the npm tools
# (tools/npm) and Chromium (Debian's package).

WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' $(ROOT)/Cargo.toml)
WASM_TOOLS := $(ROOT)/tools/cargo
WASM_BINDGEN := $(WASM_TOOLS)/bin/wasm-bindgen
TWIGGY_VERSION := 0.8.0
TWIGGY := $(WASM_TOOLS)/bin/twiggy
NODE ?= node
CHROMIUM ?= /usr/bin/chromium
# Tools are compiled at opt-level 1 without LTO: they run for a second on our inputs, and a
# fresh machine (CI) builds them every run, where a full release build of wasm-bindgen-cli
# costs minutes of its two cores.
QUICK_INSTALL := CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=0

.PHONY: wasm-tools wasm-pkg wasm-size wasm-bloat chromium bench-wasm

wasm-tools:
	@rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$($(WASM_BINDGEN) --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "wasm-tools: installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into tools/cargo (once, a few minutes)"; \
	  $(QUICK_INSTALL) $(CARGO) install -q wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root $(WASM_TOOLS) --force; \
	fi
	@scripts/install-npm-tools.sh

wasm-pkg: wasm-tools
	WASM_BINDGEN=$(WASM_BINDGEN) CARGO=$(CARGO) bindings/wasm/build.sh

# The CLI too: plan.test.mjs checks that jindu/plan answers what `jindu level`, `health`, `evm`, …
# print for the same input.
test-wasm:: wasm-pkg wasm-size
	$(DEV_CLI)
	JINDU_CLI=$(ROOT)/target/debug/jindu $(NODE) --test bindings/wasm/tests/*.test.mjs

wasm-size: wasm-pkg
	scripts/wasm-size.sh

wasm-bloat: wasm-pkg
	@if [ "$$($(TWIGGY) --version 2>/dev/null)" != "twiggy-opt $(TWIGGY_VERSION)" ]; then \
	  echo "wasm-bloat: installing twiggy $(TWIGGY_VERSION) into tools/cargo (once, a few minutes)"; \
	  $(CARGO) install -q twiggy --version $(TWIGGY_VERSION) --root $(WASM_TOOLS) --force; \
	fi
	python3 bench/wasm_bloat.py

# Chromium, and a CJK font so the Chinese names in the chart screenshots show as text, not boxes.
chromium:
	@missing=; [ -x $(CHROMIUM) ] || missing=chromium; \
	dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing="$$missing fonts-wqy-zenhei"; \
	if [ -n "$$missing" ]; then \
	  echo "chromium: installing Debian's$$missing"; \
	  sudo=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

test-browser:: wasm-pkg chromium
	CHROMIUM=$(CHROMIUM) $(NODE) --test examples/web/test/*.test.mjs

bench-wasm: wasm-pkg
	$(NODE) bindings/wasm/bench/schedule.mjs
