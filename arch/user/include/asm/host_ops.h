/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: the one boundary between the kernel and the host process. */
#ifndef _ASM_USER_HOST_OPS_H
#define _ASM_USER_HOST_OPS_H

/*
 * Everything the kernel side of umm needs from the process it runs in goes
 * through this table, and nothing else does: everything but the host-y
 * objects (arch/user/os/, tools/umm/) is compiled without libc headers,
 * arch/user/drivers/ included.  The table is filled in by
 * arch/user/os/host_user.c.  If kernel code needs something new from the
 * platform, it gets an operation here, documented below.
 *
 * Only compiler-provided headers may be used here, because both sides
 * include this file.  Errors are negative errno values, as in the kernel.
 *
 * The one exception is the four functions the compiler calls by itself,
 * to copy and clear structures, even under -ffreestanding (GCC requires
 * them of a freestanding environment): memcpy(), memmove(), memset() and
 * memcmp().  Their names cannot be the kernel's, so the kernel side links
 * to the host's, as UML does.  lib/string.c has the other string functions.
 * scripts/check-host-symbols.sh (run by make check) fails if a kernel-side
 * object uses any other symbol that only the host has, or defines a
 * symbol that libc defines; the list it allows is this line:
 *
 * HOST_SYMBOLS: host_ops memcpy memmove memset memcmp
 */
#include <stddef.h>
#include <stdint.h>

/* Flags for host_operations.open(). */
#define HOST_O_RDONLY	0
#define HOST_O_WRONLY	1	/* create or truncate */
#define HOST_O_APPEND	2	/* create, append */

#define HOST_STDIN	0
#define HOST_STDOUT	1
#define HOST_STDERR	2

/**
 * struct host_operations - what the platform provides to the kernel
 *
 * @ram_map:	  map @size bytes of zero-filled anonymous memory, aligned to
 *		  2 MiB, without committing it; this becomes physical RAM.
 *		  Returns NULL on failure.
 * @ram_discard:  give the host memory behind [@addr, @addr+@size) back to
 *		  the host (MADV_DONTNEED): it reads as zeroes afterwards.
 * @mem_zalloc:	  @size bytes of zero-filled host memory, not RAM: for what
 *		  the host side of a device keeps (a VMM's state lives
 *		  outside its guest).  Returns NULL on failure.
 * @mem_free:	  free what @mem_zalloc returned (NULL is ignored).
 * @thread_create: start a host thread running @fn(@arg).  Returns a
 *		  handle >= 0 or a negative errno.
 * @thread_join:  wait for the thread behind @handle to return.
 * @futex_wait:	  sleep while *@addr == @val, at most @timeout_ns (negative:
 *		  no limit).  Returns 0 when woken (or spuriously), -EAGAIN if
 *		  *@addr != @val on entry, -ETIMEDOUT on timeout.
 * @futex_wake:	  wake up to @nr threads sleeping in @futex_wait on @addr.
 * @yield:	  let another host thread run.
 * @time_ns:	  monotonic clock, nanoseconds.
 * @entropy:	  a value that differs between runs (seed for umm.seed=).
 * @open:	  open a host file (HOST_O_*).  Returns an fd or -errno.
 * @read:	  read up to @len bytes; returns bytes read, 0 at end, -errno.
 * @write:	  write all @len bytes; returns @len or -errno.
 * @close:	  close an fd from @open.
 * @isatty:	  1 if @fd is a terminal.
 * @panic:	  end the process with SIGILL (as a BUG's trapping instruction
 *		  would), after the kernel printed why.
 * @codec_create: a compression context for the algorithm @name ("lzo",
 *		  "lz4" or "zstd"), with whatever working memory the codec
 *		  needs (host memory, not RAM).  A context is used by one
 *		  thread at a time.  Returns NULL for an unknown name or when
 *		  the host is out of memory.
 * @codec_destroy: free a context from @codec_create.
 * @codec_compress: compress @src_len bytes at @src into at most @dst_len
 *		  bytes at @dst.  Returns the compressed length, -ENOSPC if
 *		  the result does not fit, or -EINVAL.
 * @codec_decompress: expand @src_len bytes of compressed data at @src
 *		  into exactly @dst_len bytes at @dst.  Never reads past the
 *		  input nor writes past the output, whatever the input is.
 *		  Returns 0, or -EINVAL if the data is corrupt (including any
 *		  result that is not exactly @dst_len bytes long).
 * @line_open:	  take the terminal for the interactive shell: a line
 *		  editor on stdin and stdout with the history of
 *		  ~/.umm_history and completion by console_complete()
 *		  (asm/kernel_entry.h); from now on the interrupt character
 *		  (Ctrl-C) does not end the process, see @line_read and
 *		  @line_intr_wait.  Returns 0, -ENOTTY if stdin or stdout is
 *		  not a terminal, or -ENOMEM.
 * @line_read:	  show @prompt and read one edited line into @buf, @size
 *		  bytes with the NUL, without its newline; a line that is
 *		  not blank joins the history, saved at once.  Returns the
 *		  line's length; -EINTR if Ctrl-C discarded the line;
 *		  -ENODATA at the end of input (Ctrl-D on an empty line);
 *		  -E2BIG if the line did not fit (@buf holds its start).
 * @line_intr_wait: sleep until Ctrl-C is typed while no line is being
 *		  read, that is while a command runs.  Returns 0 for each
 *		  Ctrl-C, -ENODATA once @line_close was called.
 * @line_close:	  give the terminal back as @line_open found it; Ctrl-C
 *		  ends the process again.
 */
struct host_operations {
	void *(*ram_map)(unsigned long size);
	void (*ram_discard)(void *addr, unsigned long size);
	void *(*mem_zalloc)(unsigned long size);
	void (*mem_free)(void *p);
	long (*thread_create)(void (*fn)(void *), void *arg);
	void (*thread_join)(long handle);
	int (*futex_wait)(uint32_t *addr, uint32_t val, int64_t timeout_ns);
	void (*futex_wake)(uint32_t *addr, int nr);
	void (*yield)(void);
	uint64_t (*time_ns)(void);
	uint64_t (*entropy)(void);
	int (*open)(const char *path, int flags);
	long (*read)(int fd, void *buf, unsigned long len);
	long (*write)(int fd, const void *buf, unsigned long len);
	int (*close)(int fd);
	int (*isatty)(int fd);
	void (*panic)(void) __attribute__((noreturn));
	void *(*codec_create)(const char *name);
	void (*codec_destroy)(void *ctx);
	long (*codec_compress)(void *ctx, const void *src, size_t src_len,
			       void *dst, size_t dst_len);
	int (*codec_decompress)(void *ctx, const void *src, size_t src_len,
				void *dst, size_t dst_len);
	int (*line_open)(void);
	long (*line_read)(const char *prompt, char *buf, unsigned long size);
	int (*line_intr_wait)(void);
	void (*line_close)(void);
};

extern const struct host_operations host_ops;

/*
 * Called by @panic before the process ends; empty unless a harness (the
 * fuzzers) defines its own.  Host side only: arch/user/os/host_user.c.
 */
void host_panic_hook(void);

#endif /* _ASM_USER_HOST_OPS_H */
