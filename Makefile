# jingjinji - a SQLite extension for the regional economics of
# Beijing-Tianjin-Hebei.  See README.md.
#
#   make            build jingjinji.so (the loadable extension)
#   make static     build libjingjinji.a (-DSQLITE_CORE) and ext/jingjinji.h
#   make test       install test dependencies if missing, build, run the suite
#   make demo       build and print a short report on the bundled data
#   make report     build report.html, the bundled data's story in charts
#   make bundle IN=dir OUT=file   build a bundle from a directory of CSVs
#
# Other platforms are one variable away:
#   macOS:  make SO=dylib SHARED='-dynamiclib'
#   MinGW:  make SO=dll LDLIBS='-lz'

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra
SO       ?= so
SHARED   ?= -shared
PIC      ?= -fPIC
LDLIBS   ?= -lz -lm
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

.PHONY: all static test demo report bundle deps clean

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
	$(BUILD)/jjj_bundle $(IN) $(OUT)

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
# make coverage COV_FAIL='--fail-under-line 98 --fail-under-branch 90'
COV_FAIL     ?=

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
# suppression.  bundle.test runs the plain build/jjj_bundle.  Children of
# tclsh inherit LD_PRELOAD: Chromium (charts.test's screenshot) cannot run
# so, and has nothing of ours to check, so JJJ_CHROMIUM=none skips it here.
asan: $(BUILD)/jjj_bundle
	@ASAN_OPTIONS=detect_leaks=0 $(MAKE) --no-print-directory BUILD=build/asan \
	  EXT=build/asan/$(EXT) CFLAGS='-O1 -g $(SAN_FLAGS)' \
	  LDFLAGS='$(SAN_FLAGS)' build/asan/$(EXT) build/asan/oomtest
	@echo "== Tcl suite under ASan/UBSan/LSan"
	LD_PRELOAD=$(ASAN_RT) $(ASAN_ENV) JJJ_EXT=$(CURDIR)/build/asan/jingjinji \
	  JJJ_CHROMIUM=none $(TCLSH) test/all.tcl
	@echo "== OOM driver under ASan/UBSan/LSan"
	$(ASAN_ENV) build/asan/oomtest $(OOMFLAGS) $(RELY_ARGS)

valgrind: $(EXT) $(BUILD)/jjj_bundle
	$(VALGRIND) $(VG_FLAGS) $(TCLSH) test/all.tcl

tsan:
	@$(MAKE) --no-print-directory BUILD=build/tsan EXT=build/tsan/$(EXT) \
	  CFLAGS='-O1 -g $(TSAN_FLAGS)' LDFLAGS='$(TSAN_FLAGS)' build/tsan/tsantest
	$(TSAN_ENV) build/tsan/tsantest $(TSANFLAGS) $(RELY_ARGS)

# Counters are zeroed, then the Tcl suite (the .so) and the OOM driver (the
# static objects) run; gcovr merges both builds per source line.
coverage: $(BUILD)/jjj_bundle
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
	@echo "== line coverage of ext/ (target 98 %)"
	@$(GCOVR) $(GCOVR_FLAGS) build/cov
	@echo "== branch coverage of ext/ (target 90 %)"
	@$(GCOVR) $(GCOVR_FLAGS) -b $(COV_FAIL) build/cov
