# budgetgen — build, tests, sample report. `make help` lists the targets.

CC      ?= cc
PKGS    := pango pangocairo pangoft2 fontconfig harfbuzz harfbuzz-subset cairo cairo-pdf glib-2.0 libfyaml xlsxwriter libzip libxml-2.0 poppler-glib
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
           -DBG_TEMPLATES_DIR='"templates"' -DBG_FONTS_DIR='"fonts"' -Isrc
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

BUILD   := build
SRC     := $(shell find src -name '*.c' ! -name main.c | sort)
TESTS   := $(sort $(wildcard tests/unit/test_*.c))
SUPPORT := tests/support/support.c

# pkg-config only after `make deps` has installed the libraries.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) gmodule-2.0 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) gmodule-2.0 2>/dev/null)
# The binary without poppler: the PDF reader is a module audit loads
# (src/input/pdf_chars.c), so that no other command pays for loading it.
BIN_LIBS   = $(shell pkg-config --libs $(filter-out poppler-glib,$(PKGS)) gmodule-2.0 2>/dev/null)
PDF_MODULE := $(BUILD)/budgetgen-pdf.so
PDF_SRC    := src/input/pdf_chars.c

OBJ      := $(SRC:%.c=$(BUILD)/obj/%.o)
SAN_OBJ  := $(SRC:%.c=$(BUILD)/san/%.o)
TEST_BIN := $(TESTS:tests/unit/%.c=$(BUILD)/tests/%)
SAN_BIN  := $(TESTS:tests/unit/%.c=$(BUILD)/tests-san/%)

.PHONY: all deps report test clean help unit unit-san bench install fuzz fuzz-run
PREFIX  ?= /usr/local
.DEFAULT_GOAL := all
# Keep objects that only pattern rules name, or make deletes them after use.
.SECONDARY:

all: have-compiler $(BUILD)/budgetgen $(PDF_MODULE)

# Plain `make` on a machine without a compiler or the libraries says what to
# do rather than failing on a missing header.
.PHONY: have-compiler
have-compiler:
	@command -v $(CC) >/dev/null 2>&1 && pkg-config --exists $(PKGS) 2>/dev/null || \
	    { echo "缺少编译器或开发库：请先运行 make deps（它会安装所需的 Debian 软件包）" >&2; exit 1; }

help:
	@echo "make deps    install the Debian packages budgetgen needs (safe to run twice)"
	@echo "make         build build/budgetgen"
	@echo "make report  install what is missing, build, render the samples into output/"
	@echo "make test    install what is missing, build, run every test (also under ASan/UBSan)"
	@echo "make fuzz    build the libFuzzer harnesses of tests/fuzz/ (make test runs them briefly)"
	@echo "make bench   time and peak memory: the samples and a generated 100,000-item department"
	@echo "make install install budgetgen, its templates and manual page under PREFIX (default /usr/local)"
	@echo "make clean   remove build/"

deps:
	@scripts/deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/san/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $< (ASan, UBSan)"
	@$(CC) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/budgetgen: $(BUILD)/obj/src/main.o $(filter-out %/pdf_chars.o,$(OBJ)) | $(PDF_MODULE)
	@echo "  LD   $@"
	@$(CC) $(CFLAGS) $(filter %.o,$^) -o $@ $(BIN_LIBS)

# main.c too under the sanitizers: the CLI tests run it in the sanitized pass.
$(BUILD)/budgetgen-san: $(BUILD)/san/src/main.o $(filter-out %/pdf_chars.o,$(SAN_OBJ)) | $(PDF_MODULE)
	@echo "  LD   $@ (ASan, UBSan)"
	@$(CC) $(CFLAGS) $(SAN) $(filter %.o,$^) -o $@ $(BIN_LIBS)

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $< (module)"
	@$(CC) $(CFLAGS) -fPIC $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(PDF_MODULE): $(PDF_SRC:%.c=$(BUILD)/pic/%.o)
	@echo "  LD   $@"
	@$(CC) $(CFLAGS) -shared $^ -o $@ $(shell pkg-config --libs poppler-glib glib-2.0 2>/dev/null)

$(BUILD)/tests/%: tests/unit/%.c $(SUPPORT) tests/support/support.h $(OBJ)
	@mkdir -p $(dir $@)
	@echo "  TEST $@"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -Itests/support $< $(SUPPORT) $(OBJ) -o $@ $(PKG_LIBS) -lcmocka

$(BUILD)/tests-san/%: tests/unit/%.c $(SUPPORT) tests/support/support.h $(SAN_OBJ)
	@mkdir -p $(dir $@)
	@echo "  TEST $@ (ASan, UBSan)"
	@$(CC) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -Itests/support $< $(SUPPORT) $(SAN_OBJ) -o $@ $(PKG_LIBS) -lcmocka

report: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p output
	$(BUILD)/budgetgen check samples/*.yaml samples/*.json > output/check.txt
	$(BUILD)/budgetgen render -o output samples/*.yaml samples/*.json

# Each test binary runs from the repository root so fixtures resolve.
unit: $(TEST_BIN) $(BUILD)/budgetgen
	@scripts/run-tests.sh "unit tests" $(BUILD)/tests.log $(TEST_BIN)

unit-san: $(SAN_BIN) $(BUILD)/budgetgen-san
	@BG_BINARY=$(BUILD)/budgetgen-san ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    scripts/run-tests.sh "unit tests under ASan and UBSan" $(BUILD)/tests-san.log $(SAN_BIN)

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory unit unit-san fuzz-run

# ---- fuzzing: libFuzzer (clang) under ASan and UBSan --------------------
# `make fuzz` builds the harnesses of tests/fuzz/; `make fuzz-run` (part of
# `make test`) runs every regression input through them, then fuzzes each
# for FUZZ_SECONDS from the seeds (samples/, templates/) and the corpus it
# has grown in build/fuzz/. A crash, a hang (over 10 s) or a leak fails it.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 20
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
                -fno-sanitize-recover=all
FUZZ_SRC     := $(filter src/input/% src/model/%,$(SRC))
FUZZ_OBJ     := $(FUZZ_SRC:%.c=$(BUILD)/fuzz/obj/%.o)
FUZZERS      := $(BUILD)/fuzz/fuzz_department $(BUILD)/fuzz/fuzz_format
FUZZ_ENV     := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
                LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0

.PHONY: fuzz fuzz-run
fuzz: $(FUZZERS)

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $< (libFuzzer)"
	@$(FUZZ_CC) $(CFLAGS) $(FUZZ_FLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@echo "  LD   $@ (libFuzzer)"
	@$(FUZZ_CC) $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) $< $(FUZZ_OBJ) -o $@ $(PKG_LIBS)

# Seeds are copied, so that libFuzzer reads only department and format files.
fuzz-run: $(FUZZERS)
	@mkdir -p $(BUILD)/fuzz/seeds-department $(BUILD)/fuzz/seeds-format \
	    $(BUILD)/fuzz/corpus-department $(BUILD)/fuzz/corpus-format
	@cp samples/*.yaml samples/*.json $(BUILD)/fuzz/seeds-department/
	@for f in templates/*/format.yaml tests/fixtures/templates/*/format.yaml; do \
	    cp $$f $(BUILD)/fuzz/seeds-format/$$(basename $$(dirname $$f)).yaml; done
	@for h in department format; do \
	    $(FUZZ_ENV) $(BUILD)/fuzz/fuzz_$$h -timeout=10 tests/fuzz/regressions/$$h/* \
	        > $(BUILD)/fuzz/$$h-regressions.log 2>&1 || { tail -n 40 $(BUILD)/fuzz/$$h-regressions.log; exit 1; }; \
	    echo "fuzz: $$h, $$(grep -c '^Executed' $(BUILD)/fuzz/$$h-regressions.log) regression inputs"; done
	@for h in department format; do \
	    echo "fuzz: $$h, $(FUZZ_SECONDS) s"; \
	    $(FUZZ_ENV) $(BUILD)/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	        -seed=1 -print_final_stats=0 -artifact_prefix=$(BUILD)/fuzz/crash-$$h- \
	        $(BUILD)/fuzz/corpus-$$h $(BUILD)/fuzz/seeds-$$h tests/fuzz/regressions/$$h \
	        > $(BUILD)/fuzz/$$h.log 2>&1 || { tail -n 40 $(BUILD)/fuzz/$$h.log; exit 1; }; \
	    tail -n 1 $(BUILD)/fuzz/$$h.log; done

$(BUILD)/bench: tests/bench/bench.c $(OBJ)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $< $(OBJ) -o $@ $(PKG_LIBS)

$(BUILD)/bench-100k.yaml: tests/bench/gen-department.sh
	@mkdir -p $(BUILD)
	tests/bench/gen-department.sh 100000 > $@.tmp && mv $@.tmp $@

$(BUILD)/bench-long.yaml: tests/bench/gen-long-text.sh samples/zhengzhou-services-2021.yaml
	@mkdir -p $(BUILD)
	tests/bench/gen-long-text.sh 50000 > $@.tmp && mv $@.tmp $@

# Each file in its own process, so that peak memory is the file's own; then
# tests/bench/bench.sh: whole runs as a user makes them, beside LibreOffice
# converting the same workbooks, and a batch of 100 departments. The
# last line is a department whose one paragraph is 50 KB without a break
# opportunity: its pdf time must stay near the plain sample's (it was 16 s).
bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench $(BUILD)/bench-100k.yaml $(BUILD)/bench-long.yaml
	@$(BUILD)/bench samples/zhengzhou-gov-office-2021.yaml | head -n 1
	@for f in samples/*.yaml samples/*.json $(BUILD)/bench-100k.yaml $(BUILD)/bench-long.yaml; do \
	    $(BUILD)/bench $$f | tail -n +2; done
	@$(MAKE) --no-print-directory $(BUILD)/budgetgen
	@tests/bench/bench.sh $(BUILD)

# The binary finds its data in ../share/budgetgen/ beside it; a finance
# office drops licensed fonts into share/budgetgen/fonts/.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/budgetgen/fonts \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/budgetgen $(DESTDIR)$(PREFIX)/bin/budgetgen
	install -d $(DESTDIR)$(PREFIX)/lib/budgetgen
	install -m 644 $(PDF_MODULE) $(DESTDIR)$(PREFIX)/lib/budgetgen/
	rm -rf $(DESTDIR)$(PREFIX)/share/budgetgen/templates
	cp -R templates $(DESTDIR)$(PREFIX)/share/budgetgen/templates
	cp -R fonts/. $(DESTDIR)$(PREFIX)/share/budgetgen/fonts/
	scripts/manpage.sh $(BUILD)/budgetgen > $(DESTDIR)$(PREFIX)/share/man/man1/budgetgen.1

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
