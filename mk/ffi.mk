# The native bindings through uniffi (bindings/ffi, crate jindu-ffi): the Python package `jindu`
# and the Kotlin/JVM jar.
#
#   make test-python   build the wheel (maturin), pip install it into a fresh venv, run pytest
#   make test-kotlin   generate the Kotlin, compile it with kotlinc, package the jar (native
#                      library inside), run the JUnit 5 tests and the README snippet
#
# Each target installs what it needs and skips what is there: maturin in a venv under
# target/ffi, the Kotlin compiler from npm (tools/npm, scripts/npm-tools/package.json), and
# Debian's JNA and JUnit 5 (libjna-java, junit5). Builds use the dev profile (no release
# rebuild); `maturin build --release` makes the wheel to ship.

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
FFI_LIB := $(ROOT)/target/debug/libjindu_ffi.so
UNIFFI_BINDGEN := $(ROOT)/target/debug/uniffi-bindgen

.PHONY: ffi-lib ffi-python-tools ffi-wheel

# The library and uniffi-bindgen, built together (one feature set for uniffi, no rebuilds).
ffi-lib:
	$(CARGO) build -q -p jindu-ffi

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

ffi-wheel: ffi-lib ffi-python-tools
	rm -rf $(FFI)/wheels
	cd bindings/ffi && $(FFI_TOOLS_VENV)/bin/maturin build --out $(FFI)/wheels 2>&1 \
	  | grep -v 'looks like an old-style --config override file' || true
	@ls $(FFI)/wheels/jindu-*.whl >/dev/null

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

test-kotlin:: ffi-lib ffi-kotlin-tools
	KOTLIN_HOME=$(KOTLIN_HOME) JAVA_LIBS=$(JAVA_LIBS) FFI_LIB=$(FFI_LIB) UNIFFI_BINDGEN=$(UNIFFI_BINDGEN) \
	  bindings/ffi/kotlin/test.sh
