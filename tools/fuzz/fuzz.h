/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/fuzz/fuzz.h - what the libFuzzer targets of tools/fuzz/ share
 *
 * A target is one process that links the whole kernel (libumm.a), built
 * with clang, AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's
 * coverage (make fuzz).  The kernel boots once per process, in
 * LLVMFuzzerInitialize(); every input then starts from the state the boot
 * left, because fuzz_restore() takes down what the previous input made
 * (tasks, page sets, swap, zram devices, values of files) and
 * fuzz_check_kernel() checks that the kernel is as healthy as it was.
 *
 * A failure of a target is a crash libFuzzer sees, so that it saves the
 * input: a sanitizer report, a kernel BUG() or panic (host_panic_hook()
 * aborts), or fuzz_fail() when a target's own check finds the kernel
 * wrong (a value that does not read back, a rejected write that changed
 * something, a page lost).
 *
 * Environment:
 *   UMM_FUZZ_OUTPUT=FILE  what the kernel prints while an input runs goes
 *			   to FILE, emptied before each input (scripts/
 *			   run-fuzz.sh shows it after a crash); without it,
 *			   everything goes to the terminal (replaying).
 */
#ifndef _UMM_FUZZ_H
#define _UMM_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/compiler_types.h>

/* Boot parameters of the targets that boot (fuzz_boot() adds umm.seed=1). */
#define FUZZ_BOOT_PARAMS	"mem=64M umm.deterministic=1"

/* The libFuzzer entry points. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_common.c */

/* Boot with @params and umm.seed=1; record the kernel's state. */
void fuzz_boot(const char *params);

/* Send what the kernel prints to $UMM_FUZZ_OUTPUT while an input runs. */
void fuzz_output_init(void);
void fuzz_quiet_begin(void);
void fuzz_quiet_end(void);

/* Report a wrong result of the kernel and abort(), so libFuzzer keeps the input. */
__noreturn __printf(1, 2) void fuzz_fail(const char *fmt, ...);

/* A pseudo file of /proc, /sys or debugfs, as found after boot. */
struct fuzz_file {
	char *path;
	bool readable;		/* some read permission bit */
	bool writable;		/* some write permission bit */
	char *boot_text;	/* what it read right after boot, or NULL */
};

extern struct fuzz_file *fuzz_files;
extern int fuzz_nr_files;

/* The whole text of a pseudo file (malloc'ed), or NULL with *@err set. */
char *fuzz_read(const char *path, int *err);
/* Write @len bytes at position 0, as echo does: bytes taken or -errno. */
ssize_t fuzz_write(const char *path, const void *buf, size_t len);
/* The same, opened with @flags: O_TRUNC (echo's '>') or O_APPEND ('>>'). */
ssize_t fuzz_write_flags(const char *path, const void *buf, size_t len,
			 int flags);

/*
 * Keep what the kernel writes to stdout and to stderr (console errors,
 * printk) between the two calls; fuzz_capture_end() passes it on to where
 * it went before (the output file or the terminal) and returns the two
 * texts (malloc'ed).  Not nested.
 */
void fuzz_capture_begin(void);
void fuzz_capture_end(char **out, char **err);

/*
 * Fail unless the kernel is as the boot left it, without restoring
 * anything: every value file at its boot value, no task, no page set,
 * no swap.  For inputs that must have changed nothing.
 */
void fuzz_check_untouched(void);

/*
 * Take down what an input made: workload tasks, the console's page sets,
 * swap, zram devices, files whose value changed (back to their boot
 * text), trace events and the trace buffer.  Fails (fuzz_fail()) if the
 * kernel will not go back to its boot state.
 */
void fuzz_restore(void);

/*
 * The kernel after an input: not tainted (no WARN, no bad page), every
 * zone's free lists consistent with its counters, no page left isolated,
 * and every page that was free after boot free again.
 */
void fuzz_check_kernel(void);

/* Take the free page count again, after a target set up what it keeps. */
void fuzz_set_baseline(void);

/*
 * The value of a number in C notation at @s (an optional sign is the
 * caller's), as the kernel's parsers take it: 0x for hex, 0 for octal.
 * Sets *@end after the digits; *@overflow if it does not fit 64 bits.
 * Returns 0 if no digit was found.
 */
uint64_t fuzz_parse_c_number(const char *s, const char *limit,
			     const char **end, bool *overflow);

#endif /* _UMM_FUZZ_H */
