# SPDX-License-Identifier: GPL-2.0
#
# umm: the non-LRU movable page slice of Linux mm, run as one process.
#
#   make            build ./umm and libumm.a
#   make run        install what is missing, build, run the main job
#   make check      install what is missing, build, run every test
#   make bench      benchmarks (ratios against a baseline of the same run)
#   make soak       everything at once, then movetorture at length
#   make soak-torture  movetorture on each movable kind, TORTURE_MS each
#   make C=1        also run sparse on every kernel-side file
#   make checkpatch / make coccicheck / make kerneldoc
#   make SAN=asan check, make SAN=tsan check   sanitizer builds
#   make CC=clang   the same with clang (objects in build/clang-default/)
#   make fuzz       libFuzzer targets (tools/fuzz/), FUZZ_SECONDS=N each
#   make V=1 ...    print every command in full, as kbuild's V=1
#
# Kernel-side objects (mm/, kernel/, lib/, fs/, init/, block/, drivers/,
# samples/ and the kernel side of arch/user/) are built like UML builds its
# kernel: no libc headers at all, so a stray #include <stdio.h> fails to
# compile.  Only host-side files (those a Makefile fragment lists as
# host-y: arch/user/os/ and tools/umm/) see libc.

CC	?= gcc
ifeq ($(origin CC),default)
CC	:= gcc
endif
SAN	?=

# V=1: whole commands instead of the short "  CC      file" lines.
ifeq ($(V),1)
Q	:=
kecho	:= @:
else
Q	:= @
kecho	:= @echo
endif
O	?= build
# Objects of another compiler live apart: a clang build never mixes with
# gcc's.  The fuzz build is clang's by nature (see tools/fuzz/Makefile).
CC_IS_CLANG := $(if $(findstring clang,$(notdir $(CC))),1)
ifeq ($(SAN),fuzz)
OBJ	:= $(O)/fuzz
ifneq ($(CC_IS_CLANG),1)
$(error SAN=fuzz needs CC=clang: use 'make fuzz')
endif
else
OBJ	:= $(O)/$(if $(CC_IS_CLANG),clang-)$(if $(SAN),$(SAN),default)
endif
KTOOLS	:= .kernel-tools

# Directories with a kernel-style Makefile fragment (obj-y / host-y lists).
DIRS := arch/user/os arch/user/kernel init kernel kernel/sched kernel/time \
	kernel/locking kernel/trace lib mm fs fs/proc fs/debugfs fs/sysfs \
	block drivers/block/zram drivers/virtio arch/user/drivers samples/movable \
	tools/umm tools/umm/kernel

GCC_INC := $(shell $(CC) -print-file-name=include)

WARN	:= -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
	   -Wno-missing-field-initializers
OPT	:= -O2 -g
SANFLAGS-asan := -fsanitize=address,undefined -fno-omit-frame-pointer \
		 -fno-sanitize-recover=undefined
SANFLAGS-tsan := -fsanitize=thread
# libFuzzer's coverage on every object; the fuzz targets link the engine.
SANFLAGS-fuzz := -fsanitize=address,undefined,fuzzer-no-link \
		 -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
		 -fsanitize-coverage-ignorelist=tools/fuzz/coverage-ignore.txt
SANFLAGS := $(SANFLAGS-$(SAN))
ifneq ($(SAN),)
OPT	:= -O1 -g
endif

# Names that the kernel and libc both define: the kernel side gets its own
# (as Linux's arch/um/Makefile does with KERNEL_DEFINES).
KERNEL_DEFINES := -Dsnprintf=kernel_snprintf -Dvsnprintf=kernel_vsnprintf \
	-Dsprintf=kernel_sprintf -Dvsprintf=kernel_vsprintf \
	-Dsscanf=kernel_sscanf -Dvsscanf=kernel_vsscanf \
	-Dstrsep=kernel_strsep -Dbsearch=kernel_bsearch

KCFLAGS := -std=gnu11 -nostdinc -isystem $(GCC_INC) -ffreestanding \
	-fno-strict-aliasing -fno-common -fno-delete-null-pointer-checks \
	-D__KERNEL__ $(KERNEL_DEFINES) -Iinclude -Iinclude/uapi -Iarch/user/include \
	-include include/linux/kconfig.h $(WARN) $(OPT) $(SANFLAGS)

HCFLAGS := -std=gnu11 -D_GNU_SOURCE -Iarch/user/include $(WARN) $(OPT) \
	$(SANFLAGS)

# Tests and tools: libc plus the kernel headers, like Linux's tools/testing/vma.
TCFLAGS := -std=gnu11 -D_GNU_SOURCE -Iinclude -Iinclude/uapi -Iarch/user/include \
	-I$(KTOOLS)/selftests -Itools/testing/umm \
	-include include/linux/kconfig.h $(WARN) -Wno-unused-function \
	$(OPT) $(SANFLAGS)

# libedit: the interactive shell's line editor (arch/user/os/line_user.c).
LDLIBS	:= -lpthread -lm -llz4 -lzstd -llzo2 -ledit
LDFLAGS	:= $(SANFLAGS)

kobjs :=
hobjs :=
define collect
obj-y :=
host-y :=
include $(1)/Makefile
kobjs += $$(addprefix $(OBJ)/$(1)/,$$(obj-y))
hobjs += $$(addprefix $(OBJ)/$(1)/,$$(host-y))
endef
$(foreach d,$(DIRS),$(eval $(call collect,$(d))))

MAIN_OBJ := $(OBJ)/arch/user/os/main_user.o
LIB_HOBJS := $(filter-out $(MAIN_OBJ),$(hobjs))
LIBUMM	:= $(OBJ)/libumm.a

# The default build lives at the top (./umm, ./libumm.a); sanitizer and
# clang builds keep theirs under build/<san>/ and build/clang-*/.
ifeq ($(SAN)$(CC_IS_CLANG),)
UMM	:= umm
else
UMM	:= $(OBJ)/umm
endif

.PHONY: all run compare-kernel check bench clean setup tools checkpatch coccicheck kerneldoc \
	tests FORCE

all: $(UMM) $(if $(CC_IS_CLANG),,libumm.a)

libumm.a: $(LIBUMM)
	$(Q)cp $< $@

# Initcalls and parameters are reached only through linker sections, so
# every object of the archive is linked, as every object is in vmlinux.
WHOLE_LIBUMM = -Wl,--whole-archive $(LIBUMM) -Wl,--no-whole-archive

$(UMM): $(MAIN_OBJ) $(LIBUMM)
	$(kecho) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(WHOLE_LIBUMM) $(LDLIBS)

# host-objects names the archive's host code for scripts/check-host-symbols.sh.
$(LIBUMM): $(kobjs) $(LIB_HOBJS)
	$(kecho) "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^
	$(Q)echo $(notdir $(LIB_HOBJS)) > $(OBJ)/host-objects

# The shell's line editor needs libedit's header: say so, rather than
# fail on a missing histedit.h.  Order-only, so it rebuilds nothing.
.PHONY: libedit-check
libedit-check:
	$(Q)echo '#include <histedit.h>' | $(CC) -E -x c - >/dev/null 2>&1 || \
	{ echo "umm: libedit-dev is missing (the shell's line editor, arch/user/os/line_user.c): run 'make setup' or 'apt-get install libedit-dev'" >&2; exit 1; }

$(OBJ)/arch/user/os/line_user.o: | libedit-check

# An object of a host-y list is host code and sees libc; any other is
# kernel code.  The lists decide, not the file names.
host_obj = $(filter $@,$(hobjs))

$(OBJ)/%.o: %.c
	$(Q)mkdir -p $(dir $@)
	$(kecho) "  $(if $(host_obj),HOSTCC,CC    )  $<"
	$(Q)$(CC) $(if $(host_obj),$(HCFLAGS),$(KCFLAGS) \
		-DKBUILD_MODNAME='"$(basename $(notdir $<))"') \
		-MMD -MP -c -o $@ $<
ifeq ($(C),1)
	$(Q)$(if $(host_obj),:,sparse \
		$(filter-out -O% -g -fsanitize% -fno-sanitize% -fno-omit%,$(KCFLAGS)) \
		-DKBUILD_MODNAME='"$(basename $(notdir $<))"' \
		-Wbitwise -Wno-decl -Wcontext -Wcast-to-as $<)
endif

# The scenarios are console scripts, embedded like the kernel's config.
SCENARIOS := $(wildcard tools/testing/selftests/vm/scenarios/*.umm)
$(OBJ)/init/scenarios.c: $(SCENARIOS) scripts/embed-scenarios.sh
	$(Q)mkdir -p $(dir $@)
	$(Q)bash scripts/embed-scenarios.sh tools/testing/selftests/vm/scenarios > $@

$(OBJ)/init/scenarios.o: $(OBJ)/init/scenarios.c
	$(kecho) "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -Iinit -MMD -MP -c -o $@ $<

-include $(kobjs:.o=.d) $(hobjs:.o=.d)

# ---- set-up ---------------------------------------------------------------
setup: $(KTOOLS)/.done

$(KTOOLS)/.done: scripts/setup-deps.sh scripts/extract-kernel-tools.sh
	$(Q)bash scripts/setup-deps.sh
	$(Q)bash scripts/extract-kernel-tools.sh $(KTOOLS)
	$(Q)touch $@

# ---- tests ----------------------------------------------------------------
include tools/testing/Makefile
include tools/fuzz/Makefile

run: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./umm

# The flagship beside Debian's own kernel under QEMU
# (Documentation/umm/compare.rst): three columns, and the report.
compare-kernel: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./umm scenario zram-frag --ab --kernel

# TESTS=pattern runs only the tests whose name contains it; for harness
# binaries a pattern naming a test inside them runs just those tests.
# SKIP='vm/test_scenarios ...' leaves out tests by the name they print.
TESTS ?=
SKIP ?=
# The soak and the benchmarks are built too, so a change that breaks them
# fails here and not only in `make soak` or `make bench`.
check: setup
	$(Q)$(MAKE) --no-print-directory all tests soak-bin bench-bins
	$(Q)SKIP='$(SKIP)' bash scripts/run-tests.sh $(OBJ) $(UMM) $(TESTS)

bench: setup
	$(Q)$(MAKE) --no-print-directory all bench-bins
	$(Q)bash scripts/run-bench.sh $(OBJ)

# ---- soak -----------------------------------------------------------------
# make soak [SOAK_SECONDS=N] [SOAK_ARGS='-s SEED -c 2,16 ...']: everything at
# once on real threads, several boots, then the books (tools/testing/soak/).
SOAK_SECONDS ?= 120
SOAK_ARGS ?=
# Then movetorture on each movable kind for TORTURE_MS (make soak-torture
# alone: just that; tools/testing/soak/movetorture.sh).
TORTURE_MS ?= 20000
TORTURE_THREADS ?= 4
.PHONY: soak soak-bin soak-torture
soak: setup
	$(Q)$(MAKE) --no-print-directory all soak-bin
	$(Q)$(SOAK) -t $(SOAK_SECONDS) $(SOAK_ARGS)
	$(Q)bash tools/testing/soak/movetorture.sh $(UMM) $(TORTURE_MS) $(TORTURE_THREADS)

soak-torture: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)bash tools/testing/soak/movetorture.sh $(UMM) $(TORTURE_MS) $(TORTURE_THREADS)

# ---- static checkers ------------------------------------------------------
KSRC = $(shell git ls-files '*.c' '*.h' | grep -v '^tools/\|^scripts/') \
	$(shell git ls-files 'tools/umm/*.[ch]')

checkpatch: setup
	$(Q)bash scripts/checkpatch.sh $(KTOOLS)

coccicheck: setup
	$(Q)bash scripts/coccicheck.sh

kerneldoc: setup
	$(Q)perl $(KTOOLS)/scripts/kernel-doc -none $(KSRC) 2>&1 | \
		{ ! grep . ; }

clean:
	rm -rf $(O) umm libumm.a umm-report umm-sweep
