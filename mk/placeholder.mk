# Binding suites add their own mk/<name>.mk files; until then these targets are empty.
.PHONY: test-wasm test-browser test-python test-kotlin
test-wasm test-browser test-python test-kotlin::
	@true
