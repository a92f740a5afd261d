# ccscap: the two commands a newcomer needs.
#   make run    install what is missing, build, create the database with the
#               CCSCAP content and demo data, serve on http://127.0.0.1:8080
#   make check  install test needs, build with ASan+UBSan, run every suite
# Other targets: build, clean, bench (see bench/README.md), fuzz (every
# libFuzzer target for FUZZ_SECONDS, default 20; make check runs 10 s each),
#   package-check (as root: build the Debian package, install it into a
#   clean Debian 12 tree, start it; tests/package/test-deb.sh).

BUILD   ?= build
SAN     ?= build-san
DB      ?= sqlite:var/ccscap.db
LISTEN  ?= 127.0.0.1:8080
CCSCAP  := $(BUILD)/src/cli/ccscap

.PHONY: run check build deps test-deps clean bench fuzz package-check

deps:
	@scripts/install-deps.sh run

test-deps:
	@scripts/install-deps.sh test

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release -Dtests=disabled

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	@$(CCSCAP) init --demo --db $(DB)
	@scripts/sign-in-help.sh "$(DB)" "$(LISTEN)"
	@exec $(CCSCAP) serve --db $(DB) --listen $(LISTEN)

check: test-deps
	@tests/run-all.sh

package-check:
	@scripts/install-deps.sh package
	@tests/package/test-deb.sh

bench: build
	@bench/run.sh $(BENCH)

fuzz: test-deps
	@tests/fuzz/run.sh

clean:
	rm -rf $(BUILD) $(SAN) build-clang build-vg build-fuzz test-output
