# jingjinji - a SQLite extension for the regional economics of
# Beijing-Tianjin-Hebei.  See README.md.
#
#   make            build jingjinji.so (the loadable extension)
#   make static     build libjingjinji.a (-DSQLITE_CORE) and ext/jingjinji.h
#   make test       install test dependencies if missing, build, run the suite
#   make demo       build and print a short report on the bundled data
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

.PHONY: all static test demo bundle deps clean

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

clean:
	rm -rf $(BUILD) $(EXT) $(LIB) test/*.log

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
.PRECIOUS: $(BENCH_DIR)/data_%/observations.csv $(BENCH_DIR)/bundle_%.c
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

bench: $(EXT) $(BENCH_DIR)/bench $(BENCH_DIR)/jjj_100000.$(SO) $(BENCH_DIR)/jjj_1000000.$(SO)
	$(BENCH_DIR)/bench --ext ./$(EXT) --data 100k=$(BENCH_DIR)/jjj_100000.$(SO) \
	  --data 1M=$(BENCH_DIR)/jjj_1000000.$(SO) $(BENCH_ARGS)

bench-check: $(EXT) $(BENCH_DIR)/bench
	@rm -f $(BENCH_DIR)/cg.out*
	BENCH_CG_OUT=$(BENCH_DIR)/cg.out $(VALGRIND) --tool=callgrind -q \
	  --collect-atstart=no --callgrind-out-file=$(BENCH_DIR)/cg.out \
	  $(BENCH_DIR)/bench --check --ext ./$(EXT)
	@rm -f $(BENCH_DIR)/cg.out*
