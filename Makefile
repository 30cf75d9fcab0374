# Nexo developer tasks. `make test` is the one test command (CI runs it too).

.PHONY: test build serve bench

test:
	bash scripts/test.sh

build:
	swift build

serve:
	swift run nexo serve

bench:
	bash bench/contacts.sh
