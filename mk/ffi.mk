# The native bindings through uniffi (bindings/ffi, crate jindu-ffi): the Python package `jindu`
# and the Kotlin/JVM jar.
#
#   make test-python   build the wheel (maturin), pip install it into a fresh venv, run pytest
#   make test-kotlin   generate the Kotlin, compile it with kotlinc, package the jar (native
#                      library inside), run the JUnit 5 tests and the README snippet
#
# Each target installs what it needs and skips what is there: maturin in a venv under
# target/ffi, the Kotlin compiler from npm (tools/npm, scripts/npm-tools/package.json), and
# Debian's JNA and JUnit 5 (libjna-java, junit5). One release build of the library serves the
# wheel, the jar and both test suites, so what they test is what `make dist` (mk/dist.mk) ships:
# maturin builds it (`maturin build --release` compiles jindu-ffi its own way, so a `cargo build
# --release -p jindu-ffi` beside it would compile the crate a second time) and leaves it at
# FFI_LIB; the jar takes it from there. The generator, uniffi-bindgen, is its own crate outside
# the workspace (bindings/ffi/bindgen, its own lock file): built once in dev into
# target/uniffi-bindgen, and put first on PATH for maturin, which then runs it rather than
# `cargo run`-ning a bin of the workspace (that compiled the core and jindu-ffi once more, with
# the features of jindu-ffi alone: two minutes of `make test`).

FFI := $(ROOT)/target/ffi
FFI_TOOLS_VENV := $(FFI)/tools-venv
FFI_TEST_VENV := $(FFI)/test-venv
PYTHON ?= python3
MATURIN_VERSION := 1.16.0
PYTEST_VERSION := 9.2.0
# Type-checks the typed example and the typo in bindings/ffi/tests/python/test_typing.py.
MYPY_VERSION := 2.4.1
# Portfolio risk on a distributed engine (bindings/ffi/tests/python/test_dask.py).
DASK_VERSION := 2026.8.0
FFI_LIB := $(ROOT)/target/release/libjindu_ffi.so
UNIFFI_BINDGEN_DIR := $(ROOT)/target/uniffi-bindgen
UNIFFI_BINDGEN := $(UNIFFI_BINDGEN_DIR)/debug/uniffi-bindgen

.PHONY: ffi-lib ffi-python-tools ffi-wheel ffi-jar ffi-bindgen

# The generator must be the scaffolding's exact uniffi version (both crates pin it with `=`).
ffi-bindgen:
	@ws=$$(sed -n 's/^uniffi = { version = "=\([0-9.]*\)".*/\1/p' $(ROOT)/Cargo.toml); \
	  gen=$$(sed -n 's/^uniffi = { version = "=\([0-9.]*\)".*/\1/p' $(ROOT)/bindings/ffi/bindgen/Cargo.toml); \
	  if [ -z "$$ws" ] || [ "$$ws" != "$$gen" ]; then \
	    echo "ffi: uniffi is pinned at '$$ws' in Cargo.toml but at '$$gen' in bindings/ffi/bindgen/Cargo.toml"; exit 1; fi
	CARGO_TARGET_DIR=$(UNIFFI_BINDGEN_DIR) $(CARGO) build -q --locked --manifest-path $(ROOT)/bindings/ffi/bindgen/Cargo.toml

ffi-python-tools:
	@if [ ! -f $(FFI_TOOLS_VENV)/.maturin-$(MATURIN_VERSION) ]; then \
	  echo "ffi: installing maturin $(MATURIN_VERSION) into target/ffi/tools-venv"; \
	  rm -rf $(FFI_TOOLS_VENV) && $(PYTHON) -m venv $(FFI_TOOLS_VENV); \
	  $(FFI_TOOLS_VENV)/bin/pip install -q --disable-pip-version-check maturin==$(MATURIN_VERSION); \
	  touch $(FFI_TOOLS_VENV)/.maturin-$(MATURIN_VERSION); \
	fi
	@if [ ! -f $(FFI_TOOLS_VENV)/.mypy-$(MYPY_VERSION) ]; then \
	  echo "ffi: installing mypy $(MYPY_VERSION) into target/ffi/tools-venv"; \
	  $(FFI_TOOLS_VENV)/bin/pip install -q --disable-pip-version-check mypy==$(MYPY_VERSION) && \
	  touch $(FFI_TOOLS_VENV)/.mypy-$(MYPY_VERSION); \
	fi

# The wheel, and with it FFI_LIB: rebuilt when the library or what maturin packs changed
# (`make dist` twice runs maturin once). maturin's --strip would drop the symbols uniffi-bindgen
# reads the interface from, so scripts/strip-wheel.py strips only the debug info afterwards
# (the library 34.8 MB -> 5.9 MB, the wheel 9.1 MB -> 2.2 MB).
FFI_WHEEL_INPUTS := $(shell find $(ROOT)/bindings/ffi/src $(ROOT)/bindings/ffi/bindgen/src $(ROOT)/bindings/ffi/python -type f -not -name '*.pyc') \
  $(ROOT)/bindings/ffi/bindgen/Cargo.toml \
  $(ROOT)/bindings/ffi/Cargo.toml $(ROOT)/bindings/ffi/pyproject.toml $(ROOT)/bindings/ffi/uniffi.toml \
  $(shell find $(ROOT)/core/src -type f) $(ROOT)/core/Cargo.toml $(ROOT)/Cargo.lock
ffi-wheel: ffi-python-tools ffi-bindgen
	@if [ -n "$$(find $(FFI)/wheels -name 'jindu-*.whl' -newer $(FFI)/wheels/.inputs 2>/dev/null)" ] && [ -f $(FFI_LIB) ] \
	    && [ "$$(cat $(FFI)/wheels/.inputs 2>/dev/null)" = "$$(cat $(FFI_WHEEL_INPUTS) | sha256sum)" ]; then \
	  echo "ffi: $$(ls $(FFI)/wheels/jindu-*.whl) is up to date"; \
	else \
	  rm -rf $(FFI)/wheels && mkdir -p $(FFI)/wheels && cat $(FFI_WHEEL_INPUTS) | sha256sum > $(FFI)/wheels/.inputs; \
	  (cd bindings/ffi && PATH="$(UNIFFI_BINDGEN_DIR)/debug:$$PATH" $(FFI_TOOLS_VENV)/bin/maturin build --release --out $(FFI)/wheels 2>&1 \
	    | grep -v 'looks like an old-style --config override file') || true; \
	  ls $(FFI)/wheels/jindu-*.whl >/dev/null && [ -f $(FFI_LIB) ] || { rm -f $(FFI)/wheels/.inputs; exit 1; }; \
	  $(PYTHON) scripts/strip-wheel.py $(FFI)/wheels/jindu-*.whl; \
	fi

ffi-lib: ffi-wheel

# A fresh venv each run: the wheel must install on its own (it has no dependencies); Dask is
# there only for the test that runs jindu on its LocalCluster.
test-python:: ffi-wheel
	rm -rf $(FFI_TEST_VENV) && $(PYTHON) -m venv $(FFI_TEST_VENV)
	$(FFI_TEST_VENV)/bin/pip install -q --disable-pip-version-check $(FFI)/wheels/jindu-*.whl \
	  pytest==$(PYTEST_VERSION) "dask[distributed]==$(DASK_VERSION)"
	cd bindings/ffi/tests/python && MYPY=$(FFI_TOOLS_VENV)/bin/mypy \
	  $(FFI_TEST_VENV)/bin/python -m pytest -q -p no:cacheprovider

KOTLIN_HOME := $(ROOT)/tools/npm/node_modules/kotlin-compiler
JAVA_LIBS := /usr/share/java

.PHONY: ffi-kotlin-tools

# kotlinc from npm (scripts/npm-tools/package.json); JNA, JUnit 5 and a JDK (for `jar`) from
# Debian, each only when missing.
ffi-kotlin-tools:
	@scripts/install-npm-tools.sh
	@missing=""; \
	  [ -f $(JAVA_LIBS)/jna.jar ] || missing="$$missing libjna-java"; \
	  [ -f $(JAVA_LIBS)/junit-platform-console-standalone.jar ] || missing="$$missing junit5"; \
	  command -v jar >/dev/null || missing="$$missing default-jdk-headless"; \
	  if [ -n "$$missing" ]; then \
	    echo "ffi: installing Debian's$$missing"; \
	    sudo=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	    $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	  fi

KOTLIN_ENV = KOTLIN_HOME=$(KOTLIN_HOME) JAVA_LIBS=$(JAVA_LIBS) FFI_LIB=$(FFI_LIB) UNIFFI_BINDGEN=$(UNIFFI_BINDGEN)

# The jar alone (target/ffi/kotlin/jindu.jar, for `make dist`): steps 1 and 2 of test.sh.
ffi-jar: ffi-lib ffi-kotlin-tools
	$(KOTLIN_ENV) JAR_ONLY=1 bindings/ffi/kotlin/test.sh

test-kotlin:: ffi-lib ffi-kotlin-tools
	$(KOTLIN_ENV) bindings/ffi/kotlin/test.sh
