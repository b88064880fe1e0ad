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
