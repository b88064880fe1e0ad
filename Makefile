# jingjinji - a SQLite extension for the regional economics of
# Beijing-Tianjin-Hebei.  See README.md.
#
#   make            build jingjinji.so (the loadable extension)
#   make static     build libjingjinji.a (-DSQLITE_CORE) and ext/jingjinji.h
#   make test       install test dependencies if missing, build, run the suite
#   make demo       build and print a short report on the bundled data
#   make report     build report.html, the bundled data's story in charts
#   make bundle IN=dir OUT=file   build a bundle from a directory of CSVs
#   make fuzz-replay  replay the fuzz corpus, limits and OOM checks (gcc)
#   make fuzz         libFuzzer on the bundle decoder (clang; FUZZ_TIME=60)
#
# Other platforms are one variable away:
#   macOS:  make SO=dylib SHARED='-dynamiclib' ZLIB=-lz
#   MinGW:  make SO=dll LDLIBS='-lz'
#
# zlib is linked in statically (its symbols kept private) when the compiler
# finds libz.a: a shared libz costs the first load in a process ~60 us of
# dlopen work (docs/performance.md, "Start-up").  ZLIB=-lz links it shared.

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra
SO       ?= so
SHARED   ?= -shared
PIC      ?= -fPIC
ZLIB_A   := $(shell $(CC) -print-file-name=libz.a 2>/dev/null)
ZLIB_STATIC := -Wl,--exclude-libs,libz.a -Wl,-Bstatic -lz -Wl,-Bdynamic
ZLIB     ?= $(if $(filter /%,$(ZLIB_A)),$(ZLIB_STATIC),-lz)
LDLIBS   ?= $(ZLIB) -lm
AR       ?= ar
TCLSH    ?= tclsh
SQLITE3  ?= sqlite3

EXT      := jingjinji.$(SO)
LIB      := libjingjinji.a
BUILD    := build
VERSION  := $(shell cat VERSION)
COMMIT   := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

EXT_SRC  := $(filter-out ext/jjj_bundle.c,$(sort $(wildcard ext/*.c)))
EXT_HDR  := $(wildcard ext/*.h)
DATA_DIR ?= data
DATA     := $(DATA_DIR)/dataset.csv $(DATA_DIR)/regions.csv $(DATA_DIR)/indicators.csv \
            $(DATA_DIR)/sources.csv $(DATA_DIR)/observations.csv

DEFS      = -DJJJ_VERSION='"$(VERSION)"' -DJJJ_COMMIT='"$(COMMIT)"' \
            -DJJJ_BUILD_FLAGS='"$(CC) $(CFLAGS) $(WARN) $(XCFLAGS)"'
ALL_CFLAGS = $(CFLAGS) $(WARN) $(XCFLAGS)

.PHONY: all static test demo report bundle deps clean fuzz fuzz-replay

all: $(EXT)

# The bundle builder (a build tool; links zlib only)
$(BUILD)/jjj_bundle: ext/jjj_bundle.c ext/bundle_format.h | $(BUILD)
	$(CC) $(ALL_CFLAGS) -o $@ ext/jjj_bundle.c -lz -lm

# data/*.csv -> the compiled-in bundle
$(BUILD)/jingjinji.bundle $(BUILD)/builtin_bundle.c: $(BUILD)/jjj_bundle $(DATA)
	$(BUILD)/jjj_bundle $(DATA_DIR) $(BUILD)/jingjinji.bundle --c $(BUILD)/builtin_bundle.c

$(EXT): $(EXT_SRC) $(EXT_HDR) $(BUILD)/builtin_bundle.c VERSION
	$(CC) $(ALL_CFLAGS) $(PIC) -fvisibility=hidden $(DEFS) $(SHARED) -o $@ \
	  $(EXT_SRC) $(BUILD)/builtin_bundle.c $(LDFLAGS) $(LDLIBS)

# Static library: the same sources with -DSQLITE_CORE
STATIC_OBJ := $(patsubst ext/%.c,$(BUILD)/static/%.o,$(EXT_SRC)) \
              $(BUILD)/static/builtin_bundle.o
$(BUILD)/static/%.o: ext/%.c $(EXT_HDR) VERSION | $(BUILD)/static
	$(CC) $(ALL_CFLAGS) -DSQLITE_CORE $(DEFS) -c -o $@ $<
$(BUILD)/static/builtin_bundle.o: $(BUILD)/builtin_bundle.c | $(BUILD)/static
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(LIB): $(STATIC_OBJ)
	rm -f $@
	$(AR) rcs $@ $(STATIC_OBJ)
static: $(LIB)

$(BUILD) $(BUILD)/static:
	mkdir -p $@

# A user bundle from a directory of CSVs in the data/ layout
bundle: $(BUILD)/jjj_bundle
	@test -n "$(IN)" -a -n "$(OUT)" || { echo "usage: make bundle IN=dir OUT=file.bundle"; exit 2; }
	$(BUILD)/jjj_bundle "$(IN)" "$(OUT)"

# Fuzzing the bundle decoder (test/fuzz/).  fuzz-replay is what CI runs:
# the committed corpus through the decoder and jjj_load(), the length
# limits, and out-of-memory faults, built with gcc and the sanitizers when
# the compiler has them.  fuzz runs libFuzzer for FUZZ_TIME seconds; new
# inputs collect in build/fuzz-corpus, crashes in build/fuzz-crash-*.
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 60
REPLAY_CC  ?= gcc
REPLAY_SAN ?= $(shell echo 'int main(void){return 0;}' | $(REPLAY_CC) -x c - \
                -fsanitize=address,undefined -o /dev/null 2>/dev/null \
                && echo -fsanitize=address,undefined -fno-omit-frame-pointer)
FUZZ_SRC   := test/fuzz/fuzz_bundle.c

$(BUILD)/fuzz_bundle: $(FUZZ_SRC) test/fuzz/no_builtin.c ext/bundle.c $(EXT_HDR) | $(BUILD)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
	  $(WARN) -DSQLITE_CORE -Iext -o $@ $(FUZZ_SRC) test/fuzz/no_builtin.c \
	  ext/bundle.c -lsqlite3 -lz

$(BUILD)/fuzz_replay: test/fuzz/replay.c $(FUZZ_SRC) $(EXT_SRC) $(EXT_HDR) \
                      $(BUILD)/builtin_bundle.c VERSION | $(BUILD)
	$(REPLAY_CC) -g -O1 $(REPLAY_SAN) $(WARN) -DSQLITE_CORE $(DEFS) -Iext -o $@ \
	  test/fuzz/replay.c $(FUZZ_SRC) $(EXT_SRC) $(BUILD)/builtin_bundle.c \
	  -lsqlite3 -lz -lm

fuzz-replay: $(BUILD)/fuzz_replay
	$(BUILD)/fuzz_replay test/fuzz/corpus --example data/examples/hebei_cities.bundle

fuzz: $(BUILD)/fuzz_bundle
	mkdir -p $(BUILD)/fuzz-corpus
	$(BUILD)/fuzz_bundle -max_total_time=$(FUZZ_TIME) -dict=test/fuzz/bundle.dict \
	  -artifact_prefix=$(BUILD)/fuzz-crash- $(BUILD)/fuzz-corpus test/fuzz/corpus

# test and demo install what they need first (Debian packages), then build
deps:
	@sh test/install-deps.sh

test:
	@sh test/install-deps.sh
	@$(MAKE) --no-print-directory $(EXT)
	$(TCLSH) test/all.tcl

demo:
	@sh test/install-deps.sh sqlite3
	@$(MAKE) --no-print-directory $(EXT)
	@$(SQLITE3) -bail -cmd '.load ./$(EXT)' :memory: < sql/demo.sql

# report.html: sql/report.sql through the sqlite3 shell, nothing else
report:
	@sh test/install-deps.sh sqlite3
	@$(MAKE) --no-print-directory $(EXT)
	$(SQLITE3) -bail -list -noheader -cmd '.load ./$(EXT)' :memory: \
	  < sql/report.sql > report.html.tmp && mv report.html.tmp report.html
	@echo "wrote report.html"

clean:
	rm -rf $(BUILD) $(EXT) $(LIB) report.html report.html.tmp test/*.log

# ---- hosts ----
# Install, the host integration tests, the no-zlib and WASM builds
# (docs/hosts.md).
#
#   make install [PREFIX=/usr/local] [DESTDIR=...]   the .so, libjingjinji.a,
#        jingjinji.h, jingjinji.pc, the bundle builder jjj_bundle, the docs;
#        libdir, includedir, bindir, docdir, pkgconfigdir may be set alone
#   make uninstall [PREFIX=...] [DESTDIR=...]        removes exactly those
#   make nozlib      build/nozlib/jingjinji.so: -DJJJ_NO_ZLIB, links no zlib
#                    (ext/inflate.c decodes the bundle), as the WASM build
#   make wasm        build/wasm/jjj_host.wasm: the SQLite amalgamation, the
#                    extension (-DSQLITE_CORE -DJJJ_NO_ZLIB) and
#                    test/hosts/host.c for wasm32-wasi; the amalgamation comes
#                    from SQLITE_AMALGAMATION (a directory with sqlite3.c,
#                    sqlite3.h), by default extracted from the npm package
#                    better-sqlite3@12 (test/hosts/amalgamation.sh)
#   make test-hosts  every host of test/hosts/ (HOSTS='shell node' for some)
#   make docs        docs/functions.md from docs/reference/functions.ref and
#                    the registration table (test/reference.test: not stale)

PREFIX       ?= /usr/local
prefix       ?= $(PREFIX)
exec_prefix  ?= $(prefix)
bindir       ?= $(exec_prefix)/bin
libdir       ?= $(exec_prefix)/lib
includedir   ?= $(prefix)/include
datarootdir  ?= $(prefix)/share
docdir       ?= $(datarootdir)/doc/jingjinji
pkgconfigdir ?= $(libdir)/pkgconfig
INSTALL      ?= install
HOSTS        ?=

DOC_FILES := $(wildcard README.md) $(sort $(wildcard docs/*.md))
# pkg-config paths relative to ${prefix} / ${exec_prefix} where under them
pc_exec_prefix = $(patsubst $(prefix)%,$${prefix}%,$(exec_prefix))
pc_libdir      = $(patsubst $(exec_prefix)%,$${exec_prefix}%,$(libdir))
pc_includedir  = $(patsubst $(prefix)%,$${prefix}%,$(includedir))

.PHONY: install uninstall nozlib wasm test-hosts docs

install: $(EXT) $(LIB) $(BUILD)/jjj_bundle ext/jingjinji.pc.in
	$(INSTALL) -d $(DESTDIR)$(libdir) $(DESTDIR)$(includedir) \
	  $(DESTDIR)$(bindir) $(DESTDIR)$(pkgconfigdir) $(DESTDIR)$(docdir)
	$(INSTALL) -m 755 $(EXT) $(DESTDIR)$(libdir)/$(EXT)
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(libdir)/$(LIB)
	$(INSTALL) -m 644 ext/jingjinji.h $(DESTDIR)$(includedir)/jingjinji.h
	$(INSTALL) -m 755 $(BUILD)/jjj_bundle $(DESTDIR)$(bindir)/jjj_bundle
	sed -e 's|@prefix@|$(prefix)|' \
	    -e 's|@exec_prefix@|$(pc_exec_prefix)|' \
	    -e 's|@libdir@|$(pc_libdir)|' \
	    -e 's|@includedir@|$(pc_includedir)|' \
	    -e 's|@version@|$(patsubst v%,%,$(VERSION))|' \
	    ext/jingjinji.pc.in > $(BUILD)/jingjinji.pc
	$(INSTALL) -m 644 $(BUILD)/jingjinji.pc $(DESTDIR)$(pkgconfigdir)/jingjinji.pc
	$(INSTALL) -m 644 $(DOC_FILES) $(DESTDIR)$(docdir)

uninstall:
	rm -f $(DESTDIR)$(libdir)/$(EXT) $(DESTDIR)$(libdir)/$(LIB) \
	  $(DESTDIR)$(includedir)/jingjinji.h $(DESTDIR)$(bindir)/jjj_bundle \
	  $(DESTDIR)$(pkgconfigdir)/jingjinji.pc \
	  $(addprefix $(DESTDIR)$(docdir)/,$(notdir $(DOC_FILES)))
	rmdir $(DESTDIR)$(docdir) 2>/dev/null || true

# The extension without zlib, natively: proves the WASM decoding path
NOZLIB := $(BUILD)/nozlib/jingjinji.$(SO)
$(NOZLIB): $(EXT_SRC) $(EXT_HDR) $(BUILD)/builtin_bundle.c VERSION
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DJJJ_NO_ZLIB $(PIC) -fvisibility=hidden \
	  -DJJJ_VERSION='"$(VERSION)"' -DJJJ_COMMIT='"$(COMMIT)"' \
	  -DJJJ_BUILD_FLAGS='"$(CC) $(ALL_CFLAGS) -DJJJ_NO_ZLIB"' $(SHARED) -o $@ \
	  $(EXT_SRC) $(BUILD)/builtin_bundle.c $(LDFLAGS) -lm
# ext/inflate.c against zlib on generated and damaged streams (a test tool)
$(BUILD)/nozlib/inflate_check: test/hosts/inflate_check.c ext/inflate.c ext/inflate.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DJJJ_NO_ZLIB -Iext -o $@ test/hosts/inflate_check.c \
	  ext/inflate.c $(LDFLAGS) -lz
nozlib: $(NOZLIB) $(BUILD)/nozlib/inflate_check

# WASM: clang --target=wasm32-wasi with Debian's wasi-libc, run by Node's WASI
WASM_CC      ?= clang
WASM_TARGET  ?= wasm32-wasi
WASM_CFLAGS  ?= -O2
SQLITE_AMALGAMATION ?= $(BUILD)/wasm/sqlite
# wasi has no threads: SQLite keeps its mutex API (the extension guards its
# shared state with it) with the no-op implementation
WASM_SQLITE_DEFS := -DSQLITE_THREADSAFE=1 -DSQLITE_MUTEX_NOOP \
                    -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL \
                    -DSQLITE_DEFAULT_MEMSTATUS=0
WASM_LDFLAGS ?= -Wl,-z,stack-size=1048576
WASM_HOST    := $(BUILD)/wasm/jjj_host.wasm

$(BUILD)/wasm/sqlite/sqlite3.c:
	sh test/hosts/amalgamation.sh $(@D)
# WASM_CACHE=dir keeps compiled amalgamations (keyed by source, flags and
# compiler): the host tests pass ~/.cache/jingjinji-hosts/wasm
WASM_CACHE   ?=
$(BUILD)/wasm/sqlite3.o: $(SQLITE_AMALGAMATION)/sqlite3.c
	@mkdir -p $(@D)
	@key=$$( { cat $<; echo '$(WASM_TARGET) $(WASM_CFLAGS) $(WASM_SQLITE_DEFS)'; \
	          $(WASM_CC) --version; } | cksum | tr ' ' '-' ); \
	if [ -n "$(WASM_CACHE)" ] && [ -f "$(WASM_CACHE)/sqlite3-$$key.o" ]; then \
	  echo "cp $(WASM_CACHE)/sqlite3-$$key.o $@"; \
	  cp "$(WASM_CACHE)/sqlite3-$$key.o" $@; \
	else \
	  echo "$(WASM_CC) --target=$(WASM_TARGET) $(WASM_CFLAGS) $(WASM_SQLITE_DEFS) -c -o $@ $<"; \
	  $(WASM_CC) --target=$(WASM_TARGET) $(WASM_CFLAGS) $(WASM_SQLITE_DEFS) -c -o $@ $< \
	  && if [ -n "$(WASM_CACHE)" ]; then mkdir -p "$(WASM_CACHE)" \
	       && cp $@ "$(WASM_CACHE)/sqlite3-$$key.o"; fi; \
	fi
$(WASM_HOST): $(BUILD)/wasm/sqlite3.o $(EXT_SRC) $(EXT_HDR) \
              $(BUILD)/builtin_bundle.c test/hosts/host.c VERSION
	$(WASM_CC) --target=$(WASM_TARGET) $(WASM_CFLAGS) $(WARN) -Wno-missing-field-initializers \
	  -DSQLITE_CORE -DJJJ_NO_ZLIB -I$(SQLITE_AMALGAMATION) -Iext \
	  -DJJJ_VERSION='"$(VERSION)"' -DJJJ_COMMIT='"$(COMMIT)"' \
	  -DJJJ_BUILD_FLAGS='"$(WASM_CC) --target=$(WASM_TARGET) $(WASM_CFLAGS) -DSQLITE_CORE -DJJJ_NO_ZLIB"' \
	  $(WASM_LDFLAGS) -o $@ test/hosts/host.c $(EXT_SRC) \
	  $(BUILD)/builtin_bundle.c $(BUILD)/wasm/sqlite3.o
wasm: $(WASM_HOST)

# Each host installs what it needs; one that cannot is reported SKIPPED
test-hosts: $(EXT) $(LIB) $(BUILD)/jjj_bundle
	$(TCLSH) test/hosts/run.tcl $(HOSTS)

# The generated function reference
docs: $(EXT)
	$(TCLSH) docs/reference/gen.tcl docs/functions.md

# ---- bench ----
# make bench          every workload at three sizes, wall time, ratios next
#                     to their goals (docs/performance.md); BENCH_ARGS=--quick
#                     for smaller sizes.  Builds two extension variants whose
#                     built-in data is a synthetic 100k- and 1M-row bundle.
# make bench-check    the smallest sizes under callgrind: instruction-count
#                     ratios gated against ceilings, every result checked
BENCH_DIR  := $(BUILD)/bench
BENCH_ARGS ?=
VALGRIND   ?= valgrind
.PHONY: bench bench-check
.PRECIOUS: $(BENCH_DIR)/data_%/observations.csv $(BENCH_DIR)/bundle_%.c \
           $(BENCH_DIR)/udata_%/observations.csv $(BENCH_DIR)/user_%.bundle
$(BENCH_DIR)/bench: test/bench/bench.c | $(BUILD)
	mkdir -p $(BENCH_DIR)
	$(CC) -O2 -g $(WARN) -o $@ test/bench/bench.c -lsqlite3 -lm

# A synthetic dataset of N rows compiled in: $(BENCH_DIR)/jjj_<N>.so (the
# CSVs are not remade when only the driver changes: make clean for that)
$(BENCH_DIR)/data_%/observations.csv: | $(BENCH_DIR)/bench
	$(BENCH_DIR)/bench --gen-csv $(BENCH_DIR)/data_$* $*
$(BENCH_DIR)/bundle_%.c: $(BENCH_DIR)/data_%/observations.csv $(BUILD)/jjj_bundle
	$(BUILD)/jjj_bundle $(BENCH_DIR)/data_$* $(BENCH_DIR)/bundle_$*.bundle --c $@
$(BENCH_DIR)/jjj_%.$(SO): $(BENCH_DIR)/bundle_%.c $(EXT_SRC) $(EXT_HDR) VERSION
	$(CC) $(ALL_CFLAGS) $(PIC) -fvisibility=hidden $(DEFS) $(SHARED) -o $@ \
	  $(EXT_SRC) $< $(LDFLAGS) $(LDLIBS)

# The same synthetic rows as a user bundle (dataset bench_user, ids u.*),
# loaded with jjj_load(): $(BENCH_DIR)/user_<N>.bundle
$(BENCH_DIR)/udata_%/observations.csv: | $(BENCH_DIR)/bench
	$(BENCH_DIR)/bench --gen-csv $(BENCH_DIR)/udata_$* $* u.
$(BENCH_DIR)/user_%.bundle: $(BENCH_DIR)/udata_%/observations.csv $(BUILD)/jjj_bundle
	$(BUILD)/jjj_bundle $(BENCH_DIR)/udata_$* $@

bench: $(EXT) $(BENCH_DIR)/bench $(BENCH_DIR)/jjj_100000.$(SO) $(BENCH_DIR)/jjj_1000000.$(SO) \
       $(BENCH_DIR)/user_1000000.bundle
	$(BENCH_DIR)/bench --ext ./$(EXT) --data 100k=$(BENCH_DIR)/jjj_100000.$(SO) \
	  --data 1M=$(BENCH_DIR)/jjj_1000000.$(SO) \
	  --user 1M-user=$(BENCH_DIR)/user_1000000.bundle $(BENCH_ARGS)

bench-check: $(EXT) $(BENCH_DIR)/bench
	@rm -f $(BENCH_DIR)/cg.out*
	BENCH_CG_OUT=$(BENCH_DIR)/cg.out $(VALGRIND) --tool=callgrind -q \
	  --collect-atstart=no --callgrind-out-file=$(BENCH_DIR)/cg.out \
	  $(BENCH_DIR)/bench --check --ext ./$(EXT)
	@rm -f $(BENCH_DIR)/cg.out*

# ---- reliability ----
# Fault injection, sanitizers, threads, coverage: docs/reliability.md.
#   make oomtest    out-of-memory injection over every table and function
#   make asan       Tcl suite + OOM driver under ASan/UBSan/LSan
#   make valgrind   Tcl suite under memcheck
#   make tsan       threads racing to first use, under ThreadSanitizer
#   make coverage   gcovr line/branch coverage of ext/ (suite + OOM driver)
# Each instrumented build lives in its own directory (build/asan,
# build/tsan, build/cov) through a recursive make with BUILD=..., so the
# plain build is never clobbered.  OOMFLAGS / TSANFLAGS pass options to the
# drivers (e.g. make oomtest OOMFLAGS='-v -only jjj_series').
.PHONY: oomtest asan valgrind tsan coverage

RELY_DRIVER  := test/oom/script.c test/oom/script.h ext/jingjinji.h
RELY_ARGS    := test/oom/script.sql test/oom/calls.txt
SAN_FLAGS    := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer
TSAN_FLAGS   := -fsanitize=thread
COV_FLAGS    := --coverage -DJJJ_COVERAGE_TEST
ASAN_RT       = $(shell $(CC) -print-file-name=libasan.so)
ASAN_ENV     := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
                LSAN_OPTIONS=suppressions=$(CURDIR)/test/lsan.supp:print_suppressions=0 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
TSAN_ENV     := TSAN_OPTIONS='halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/test/tsan/tsan.supp'
VALGRIND     ?= valgrind
VG_FLAGS     := -q --error-exitcode=99 --leak-check=full \
                --errors-for-leak-kinds=definite --show-leak-kinds=definite \
                --keep-debuginfo=yes --suppressions=$(CURDIR)/test/valgrind.supp
GCOVR        ?= gcovr
GCOVR_FLAGS  := -r . --filter 'ext/' --exclude 'ext/jjj_bundle\.c'
# The target is a gate: make coverage fails below 98 % of lines or 90 % of
# branches of ext/ (COV_FAIL= prints the figures without failing).
COV_FAIL     ?= --fail-under-line 98 --fail-under-branch 90

$(BUILD)/oomtest: test/oom/oomtest.c $(RELY_DRIVER) $(STATIC_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ test/oom/oomtest.c test/oom/script.c \
	  $(STATIC_OBJ) -lsqlite3 $(LDLIBS)

$(BUILD)/tsantest: test/tsan/tsantest.c $(RELY_DRIVER) $(STATIC_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ test/tsan/tsantest.c test/oom/script.c \
	  $(STATIC_OBJ) -lsqlite3 -lpthread $(LDLIBS)

oomtest: $(BUILD)/oomtest
	$(BUILD)/oomtest $(OOMFLAGS) $(RELY_ARGS)

# Leak stacks: Debian's libsqlite3 has no frame pointers, so the fast
# unwinder stops there; for a full stack rerun the failing test with
# ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 (10x slower).
# The bundle builder is a build tool that leaves its memory to exit(): its
# leaks are suppressed in test/lsan.supp (only its own module).  Tcl needs no
# suppression.  bundle.test and load.test run the ASan build of the
# builder (JJJ_BUNDLER), so hostile CSVs meet an instrumented builder.
# Children of tclsh inherit LD_PRELOAD: Chromium (charts.test's screenshot)
# cannot run so, and has nothing of ours to check, so JJJ_CHROMIUM=none
# skips it here.
asan: $(BUILD)/jjj_bundle $(BUILD)/jingjinji.bundle
	@ASAN_OPTIONS=detect_leaks=0 $(MAKE) --no-print-directory BUILD=build/asan \
	  EXT=build/asan/$(EXT) CFLAGS='-O1 -g $(SAN_FLAGS)' \
	  LDFLAGS='$(SAN_FLAGS)' build/asan/$(EXT) build/asan/oomtest \
	  build/asan/jjj_bundle
	@echo "== Tcl suite under ASan/UBSan/LSan"
	LD_PRELOAD=$(ASAN_RT) $(ASAN_ENV) JJJ_EXT=$(CURDIR)/build/asan/jingjinji \
	  JJJ_BUNDLER=$(CURDIR)/build/asan/jjj_bundle \
	  JJJ_CHROMIUM=none $(TCLSH) test/all.tcl
	@echo "== OOM driver under ASan/UBSan/LSan"
	$(ASAN_ENV) build/asan/oomtest $(OOMFLAGS) $(RELY_ARGS)

valgrind: $(EXT) $(BUILD)/jjj_bundle
	$(VALGRIND) $(VG_FLAGS) $(TCLSH) test/all.tcl

tsan: $(BUILD)/jingjinji.bundle
	@$(MAKE) --no-print-directory BUILD=build/tsan EXT=build/tsan/$(EXT) \
	  CFLAGS='-O1 -g $(TSAN_FLAGS)' LDFLAGS='$(TSAN_FLAGS)' build/tsan/tsantest
	$(TSAN_ENV) build/tsan/tsantest $(TSANFLAGS) $(RELY_ARGS)

# Counters are zeroed, then the Tcl suite (the .so), the OOM driver (the
# static objects) and, when the Makefile has it, the fuzz corpus replay
# (its own objects) run; gcovr merges the builds per source line.
coverage: $(BUILD)/jjj_bundle $(BUILD)/jingjinji.bundle
	@$(MAKE) --no-print-directory BUILD=build/cov EXT=build/cov/$(EXT) \
	  CFLAGS='-O0 -g $(COV_FLAGS)' LDFLAGS='--coverage' \
	  build/cov/$(EXT) build/cov/oomtest
	@find build/cov -name '*.gcda' -delete
	JJJ_EXT=$(CURDIR)/build/cov/jingjinji $(TCLSH) test/all.tcl > build/cov/suite.log || \
	  { tail -20 build/cov/suite.log; exit 1; }
	@tail -1 build/cov/suite.log
	build/cov/oomtest $(RELY_ARGS) > build/cov/oomtest.log 2>&1 || \
	  { tail -20 build/cov/oomtest.log; exit 1; }
	@tail -1 build/cov/oomtest.log
	@if $(MAKE) -n fuzz-replay >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory BUILD=build/cov REPLAY_SAN='-O0 $(COV_FLAGS)' \
	    fuzz-replay > build/cov/fuzz.log 2>&1 || { tail -20 build/cov/fuzz.log; exit 1; }; \
	  tail -1 build/cov/fuzz.log; fi
	@echo "== line coverage of ext/ (target 98 %)"
	@$(GCOVR) $(GCOVR_FLAGS) build/cov
	@echo "== branch coverage of ext/ (target 90 %)"
	@$(GCOVR) $(GCOVR_FLAGS) -b $(COV_FAIL) build/cov
