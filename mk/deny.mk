# The supply-chain policy (deny.toml, core/DESIGN.md "Dependencies"), part of `make test-rust`.
#
#   make deny   licenses, bans (crates, features, duplicate versions) and sources of the
#               workspace, of fuzz/ and of the uniffi generator (bindings/ffi/bindgen),
#               checked with cargo-deny
#
# cargo-deny is installed into tools/cargo at the pinned version when it is missing or another
# version: once, about 5 minutes of CPU (4m44s user+sys measured; 10 minutes of wall time on two
# busy cores), with `--locked` (the versions its release was tested with) and at opt-level 1
# without LTO, as the wasm tools are (QUICK_INSTALL, mk/wasm.mk): the checks take seconds.
# The advisories check needs the RustSec database from GitHub, which the development machines
# and CI cannot reach; a host with network runs `tools/cargo/bin/cargo-deny check advisories`
# once `make deny` has installed it (deny.toml).

CARGO_DENY_VERSION := 0.20.2
CARGO_DENY := $(ROOT)/tools/cargo/bin/cargo-deny

.PHONY: deny deny-tool

deny-tool:
	@if [ "$$($(CARGO_DENY) --version 2>/dev/null)" != "cargo-deny $(CARGO_DENY_VERSION)" ]; then \
	  echo "deny: installing cargo-deny $(CARGO_DENY_VERSION) into tools/cargo (once, a few minutes)"; \
	  $(QUICK_INSTALL) $(CARGO) install -q --locked cargo-deny --version $(CARGO_DENY_VERSION) --root $(ROOT)/tools/cargo --force; \
	fi

# The workspace: a skip that no longer matches a duplicate and an allowed license that nothing
# uses fail (the policy stays exactly what we depend on); the NCSA exception is fuzz/'s.
# fuzz/ and bindings/ffi/bindgen (their own lock files): subsets of the workspace's crates, so
# the workspace's skips and licenses they do not meet are expected there.
DENY_CHECK := $(CARGO_DENY) --log-level warn --locked --config $(ROOT)/deny.toml
deny: deny-tool
	$(DENY_CHECK) --manifest-path $(ROOT)/Cargo.toml check \
	  -D unmatched-skip -D license-not-encountered -A license-exception-not-encountered \
	  licenses bans sources
	$(DENY_CHECK) --manifest-path $(ROOT)/fuzz/Cargo.toml check \
	  -A unmatched-skip -A license-not-encountered \
	  licenses bans sources
	$(DENY_CHECK) --manifest-path $(ROOT)/bindings/ffi/bindgen/Cargo.toml check \
	  -A unmatched-skip -A license-not-encountered -A license-exception-not-encountered \
	  licenses bans sources
	@echo "deny: ok (licenses, bans, sources of the workspace, fuzz/ and bindings/ffi/bindgen; advisories need network, see deny.toml)"
