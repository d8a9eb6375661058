# Charts (core/src/render):
#
#   make bless-render  rewrite the golden SVG charts under core/tests/data/render/ (not part of
#                      test; look at the charts and review the diff before committing)
#   make test-browser  (also) the Gantt charts at 10, 100 and 1,000 tasks loaded and screenshot
#                      in headless Chromium; PNGs land in target/render/ (not committed)

.PHONY: bless-render render-cli

bless-render:
	$(CARGO) run -q -p jindu --example bless_render

render-cli:
	$(DEV_CLI)

test-browser:: chromium tools-npm render-cli
	CHROMIUM=$(CHROMIUM) JINDU_CLI=$(ROOT)/target/debug/jindu $(NODE) --test tests/render/*.test.mjs

# make bless-reports  rewrite the golden status reports under core/tests/data/report/ (not part
#                     of test; read the diff in both languages before committing)
.PHONY: bless-reports
bless-reports:
	$(CARGO) run -q -p jindu --example bless_reports
