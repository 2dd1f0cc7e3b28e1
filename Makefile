# dangjian — build, set-up and tests.  `make run` and `make test` do everything
# on a fresh Debian machine, including installing missing packages.

CC      ?= cc
PKGS    := ncursesw sqlite3 icu-uc icu-i18n libzip expat pangocairo pangoft2 fontconfig
# ncursesw's --cflags define _XOPEN_SOURCE=600, clashing with ours; its
# headers are on the default path, so only its libs are taken.
CPKGS   := sqlite3 icu-uc icu-i18n libzip expat pangocairo pangoft2 fontconfig
CFLAGS  ?= -O2 -g
# -Wformat-truncation is off: what it finds depends on the optimisation level
# (clean at -O0, an error at -O2), and every snprintf into a fixed field here
# truncates on purpose.
override CFLAGS += -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers \
                   -Wno-format-truncation -MMD -MP
# The preprocessor's flags go to CPPFLAGS, added to whatever the caller gives
# (dpkg-buildflags: -D_FORTIFY_SOURCE=2), and every link takes LDFLAGS
# (-Wl,-z,relro, and -Wl,-z,now with hardening=+bindnow), so a packaged build
# of the setgid binary keeps both.
# Modules include each other by path from src/ ("member/member.h"), screens
# from the top ("screens/common/list_screen.h").
override CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc -I. -Ibuild \
                     $(shell pkg-config --cflags $(CPKGS) 2>/dev/null) -I/usr/include/iniparser
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lncursesw -lsqlite3 -licui18n -licuuc -lzip -lexpat -lpangocairo-1.0 -lpangoft2-1.0 -lpango-1.0 -lgobject-2.0 -lglib-2.0 -lcairo -lfontconfig) \
           -liniparser -lcrypto -lm
# .xlsx exports (src/docs/xlsx_out.c)
LDLIBS  += $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)

# Debian packages the build and the tests need (checked, installed when missing).
DEB_PKGS := gcc make pkg-config libncurses-dev libsqlite3-dev libiniparser-dev libicu-dev \
            libvterm-dev libcmocka-dev locales sqlite3 libssl-dev \
            libzip-dev libexpat1-dev libxlsxwriter-dev python3-openpyxl \
            libpango1.0-dev libcairo2-dev fonts-noto-cjk fonts-symbola fonts-dejavu-core poppler-utils

# Sources are found by module folder: src/<module>/*.c, src/tui/*.c and
# screens/<module>/*.c; src/main.c alone stands above them.
CORE_SRC   := $(filter-out src/tui/%,$(wildcard src/*/*.c))
TUI_SRC    := $(wildcard src/tui/*.c)
SCREEN_SRC := $(wildcard screens/*/*.c)
SCHEMA     := $(sort $(wildcard src/core/schema/*.sql))
APP_SRC    := $(CORE_SRC) $(TUI_SRC) $(SCREEN_SRC) build/schema.c

OBJ        := $(patsubst %.c,build/%.o,$(filter-out build/%,$(APP_SRC))) build/schema.o
SAN_OBJ    := $(patsubst %.c,build/san/%.o,$(filter-out build/%,$(APP_SRC))) build/san/schema.o
SANFLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
E2E_SRC    := $(wildcard tests/e2e/test_*.c)
E2E_BIN    := $(patsubst tests/e2e/%.c,build/tests/%,$(E2E_SRC))
E2E_LIB    := $(filter-out $(E2E_SRC),$(wildcard tests/e2e/*.c))
REPLAY_BIN := $(patsubst tests/fuzz/fuzz_%.c,build/tests/replay_%,$(wildcard tests/fuzz/fuzz_*.c))

DB ?= dangjian.db

.PHONY: all deps run test unit e2e clean install uninstall bench bench-smoke bench-build \
        fuzz fuzz-build fuzz-deps

all: dangjian

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

dangjian: $(OBJ) build/src/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The test binary of the program, with the sanitizers, driven by the e2e tests.
build/dangjian-san: $(SAN_OBJ) build/san/src/main.o
	$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

build/schema.o: build/schema.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
build/san/schema.o: build/schema.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

# Migrations are embedded in the binary: each file becomes one C string.
build/schema.c: $(SCHEMA) src/core/schema/embed.sh
	@mkdir -p build
	sh src/core/schema/embed.sh $(SCHEMA) > $@

build/tests/test_%: tests/unit/test_%.c $(filter-out build/san/screens/% build/san/src/tui/%,$(SAN_OBJ))
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o,$^) $(LDLIBS) -lcmocka

# Each fuzz target replays its seeds (tests/fuzz/replay.c) in the suite.
build/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/fuzz/replay.c \
                      $(filter-out build/san/screens/% build/san/src/tui/%,$(SAN_OBJ))
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -DFUZZ_CORPUS='"tests/fuzz/corpus/$*"' -o $@ \
	      $(filter %.c %.o,$^) $(LDLIBS) -lcmocka

build/tests/test_e2e_%: tests/e2e/test_e2e_%.c $(E2E_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -Itests/e2e -o $@ $(filter %.c %.o,$^) $(LDLIBS) -lvterm -lcmocka -lutil

# test_e2e_review_records prepares its batch and approved application with
# the review engine itself, so it links the core (not the toolkit or screens).
build/tests/test_e2e_review_records: tests/e2e/test_e2e_review_records.c $(E2E_LIB) \
                                     $(filter-out build/san/screens/% build/san/src/tui/%,$(SAN_OBJ))
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -Itests/e2e -o $@ $(filter %.c %.o,$^) $(LDLIBS) -lvterm -lcmocka -lutil

# The program that tests/e2e/test_e2e_installed.c installs as root into a
# tree of its own, with two throwaway users: the -O2 build, but reading its
# configuration from that tree instead of /etc/dangjian (PRIV_SYSTEM_CONFIG),
# so that the test leaves the machine's own installation alone.  The tree
# lies in /tmp (every user may reach it), named after this checkout.
INSTALLED_ROOT := /tmp/dj-installed-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
INSTALLED_DEF  := -DPRIV_SYSTEM_CONFIG='"$(INSTALLED_ROOT)/etc/dangjian/dangjian.ini"'
build/installed/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(INSTALLED_DEF) $(CFLAGS) -c -o $@ $<
build/installed/dangjian: $(filter-out build/src/admin/user_priv.o,$(OBJ)) build/installed/src/admin/user_priv.o \
                          build/installed/src/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
build/tests/test_e2e_installed: tests/e2e/test_e2e_installed.c $(E2E_LIB) build/installed/dangjian
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DINSTALLED_ROOT='"$(INSTALLED_ROOT)"' $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -Itests/e2e -o $@ \
	      $(filter %.c %.o,$^) $(LDLIBS) -lvterm -lcmocka -lutil

# The build's own runs always name their configuration: without --config a
# folder with no dangjian.ini would use an installed /etc/dangjian's database.
$(DB): dangjian
	./dangjian --config dangjian.ini init --demo

# After the packages are in, build on every core (the first build is ~170 files).
NPROC := $(shell nproc 2>/dev/null || echo 2)

run: deps
	$(MAKE) -j$(NPROC) dangjian $(DB)
	./dangjian --config dangjian.ini

unit: $(UNIT_BIN) $(REPLAY_BIN)
e2e: $(E2E_BIN) build/dangjian-san

test: deps
	$(MAKE) -j$(NPROC) unit e2e bench-build
	sh tests/run.sh $(UNIT_BIN) $(REPLAY_BIN) $(E2E_BIN) build/tests/bench-smoke

# Benchmarks (tests/bench): a generated county measured on ./dangjian, the
# -O2 build.  `make bench` writes BENCHMARKS.md; bench-smoke, a township
# checked for real figures (never timings), runs with the tests.
BENCH_CORE := $(filter build/src/%,$(OBJ)) build/schema.o
BENCH_SRC  := tests/bench/bench.c tests/bench/bench_tui.c tests/bench/bench_bare.c tests/bench/bench_io.c
build/bench/gen: tests/bench/gen.c tests/bench/gen_work.c $(BENCH_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o,$^) $(LDLIBS)
build/bench/bench: $(BENCH_SRC) tests/e2e/vt.c $(BENCH_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Itests/e2e -o $@ $(filter %.c %.o,$^) $(LDLIBS) -lvterm -lutil
build/tests/bench-smoke: $(BENCH_SRC) tests/e2e/vt.c $(BENCH_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -DBENCH_SMOKE -Itests/e2e -o $@ $(filter %.c %.o,$^) $(LDLIBS) -lvterm -lutil
bench-build: dangjian build/bench/gen build/bench/bench build/tests/bench-smoke
bench: deps bench-build
	build/bench/bench --out BENCHMARKS.md --notes tests/bench/NOTES.md
bench-smoke: deps bench-build
	build/tests/bench-smoke

# Fuzzing (tests/fuzz): libFuzzer targets for the CSV reader, the import
# table and the validators, on the core built by clang with coverage
# instrumentation and ASan/UBSan.  `make fuzz` runs each for FUZZ_TIME
# seconds, new inputs kept in build/fuzz/corpus/<target> beside the seeds
# in tests/fuzz/corpus/<target>, a crash left as build/fuzz/<target>-crash-*.
# Not part of `make test`: it takes minutes and needs clang; the suite
# replays each target's seeds instead (build/tests/replay_*).
FUZZ_CC   := clang
FUZZ_PKGS := clang libclang-rt-14-dev
FUZZ_TIME ?= 20
FUZZFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
             -Wno-unknown-warning-option
FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN  := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_OBJ  := $(patsubst %.c,build/fuzz/%.o,$(filter-out build/%,$(CORE_SRC))) build/fuzz/schema.o
.SECONDARY: $(FUZZ_OBJ)

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/schema.o: build/schema.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) $(FUZZFLAGS) -c -o $@ $<
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ \
	  $(filter %.c %.o,$^) $(LDLIBS)

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(FUZZ_PKGS)"
fuzz-build: fuzz-deps
	$(MAKE) -j$(NPROC) $(FUZZ_BIN)
fuzz: fuzz-build
	@set -e; for bin in $(FUZZ_BIN); do \
	  name=$$(basename $$bin); seeds=tests/fuzz/corpus/$${name#fuzz_}; \
	  mkdir -p build/fuzz/corpus/$$name; \
	  echo "== $$name: $(FUZZ_TIME) s"; \
	  $$bin -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/$$name- build/fuzz/corpus/$$name $$seeds; \
	done

# The shared-server layout: setgid group dangjian, data in /var/lib/dangjian
# (README, 管理员).  PREFIX (/usr/local), DESTDIR and DATADIR are honoured.
install: dangjian
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' DATADIR='$(DATADIR)' sh tools/install.sh ./dangjian

# Takes away what install put there; the configuration, the data in
# /var/lib/dangjian and the groups stay unless PURGE=1 (tools/uninstall.sh).
uninstall:
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' DATADIR='$(DATADIR)' PURGE='$(PURGE)' sh tools/uninstall.sh

clean:
	rm -rf build dangjian

-include $(shell find build -name '*.d' 2>/dev/null)
