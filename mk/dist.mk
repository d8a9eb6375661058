# The release artifacts, built as a user gets them and tested as a user installs them.
#
#   make dist       dist/ (git-ignored): the npm tarball jindu-<version>.tgz, the wheel
#                   jindu-<version>-py3-none-<platform>.whl (maturin --release), the jar
#                   jindu-<version>.jar (the Kotlin with the release native library at
#                   linux-x86-64/libjindu_ffi.so) and the command jindu (release); prints their sizes
#   make test-dist  (part of `make test`) installs each into a fresh consumer and runs a smoke test
#                   there: an npm project (require and import of jindu, jindu/io, jindu/plan), a
#                   venv, a kotlinc classpath with JNA, and the command itself
#                   (scripts/dist-smoke.sh)
#
# Nothing is built twice: the npm tarball is the one `make wasm-pkg` packs (bindings/wasm/build.sh),
# the wheel and the jar share one release build of jindu-ffi, the one `maturin build --release`
# makes (FFI_LIB, mk/ffi.mk; the same library `make test-python` and `make test-kotlin` test), and
# each step skips what is up to date, so a second `make dist` takes seconds (2 s measured).

DIST := $(ROOT)/dist
DIST_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' $(ROOT)/Cargo.toml | head -1)

.PHONY: dist dist-npm dist-wheel dist-jar dist-cli test-dist

dist: dist-npm dist-wheel dist-jar dist-cli
	@cd $(DIST) && for f in jindu-$(DIST_VERSION).tgz jindu-$(DIST_VERSION)-*.whl jindu-$(DIST_VERSION).jar jindu; do \
	  printf '  dist/%-48s %9s bytes\n' "$$f" "$$(wc -c < "$$f")"; done

# install -C: copies only when the content differs, so an unchanged artifact keeps its date.
dist-npm: wasm-pkg
	@mkdir -p $(DIST)
	install -C -m 644 $(ROOT)/target/npm-consumer/jindu-$(DIST_VERSION).tgz $(DIST)/

dist-wheel: ffi-wheel
	@mkdir -p $(DIST)
	@for w in $(DIST)/jindu-*.whl; do [ ! -e "$$w" ] || [ -e "$(FFI)/wheels/$$(basename "$$w")" ] || rm -f "$$w"; done
	install -C -m 644 $(FFI)/wheels/jindu-$(DIST_VERSION)-*.whl $(DIST)/

dist-jar: ffi-jar
	@mkdir -p $(DIST)
	install -C -m 644 $(FFI)/kotlin/jindu.jar $(DIST)/jindu-$(DIST_VERSION).jar

dist-cli:
	$(CARGO) build -q --release -p jindu-cli
	@mkdir -p $(DIST)
	objcopy --strip-debug $(ROOT)/target/release/jindu $(DIST)/.jindu.tmp
	@if cmp -s $(DIST)/.jindu.tmp $(DIST)/jindu; then rm $(DIST)/.jindu.tmp; else mv $(DIST)/.jindu.tmp $(DIST)/jindu; fi

test-dist: dist ffi-kotlin-tools
	KOTLIN_HOME=$(KOTLIN_HOME) JAVA_LIBS=$(JAVA_LIBS) PYTHON=$(PYTHON) DIST=$(DIST) DIST_VERSION=$(DIST_VERSION) \
	  scripts/dist-smoke.sh
