// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/os/host_user.c - the host side of struct host_operations
 *
 * The only file that talks to libc and the Linux system call interface
 * on the kernel's behalf.  Host code is what the Makefiles list as host-y
 * (arch/user/os/ and tools/umm/); the rest is kernel side and reaches the
 * host only through host_ops.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <asm/host_ops.h>

#include "codec_user.h"
#include "line_user.h"

#define RAM_ALIGN	(2UL << 20)

static void *host_ram_map(unsigned long size)
{
	unsigned long len = size + RAM_ALIGN;
	unsigned long addr, start;
	void *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	addr = (unsigned long)p;
	start = (addr + RAM_ALIGN - 1) & ~(RAM_ALIGN - 1);
	if (start > addr)
		munmap(p, start - addr);
	if (start + size < addr + len)
		munmap((void *)(start + size), addr + len - start - size);
	/*
	 * RAM is touched page by page as the kernel hands pages out; with
	 * 4 KiB host pages that is a host page fault per first touch of
	 * every guest page.  Ask for transparent huge pages (hosts often run
	 * THP in "madvise" mode).  A 4 KiB ram_discard() still gives its
	 * page back: the host splits the huge page's mapping and zaps just
	 * that range (tested by the balloon's RSS test).  Advice only, so a
	 * host without THP is no error.
	 */
	madvise((void *)start, size, MADV_HUGEPAGE);
	return (void *)start;
}

static void host_ram_discard(void *addr, unsigned long size)
{
	madvise(addr, size, MADV_DONTNEED);
}

static void *host_mem_zalloc(unsigned long size)
{
	return calloc(1, size);
}

static void host_mem_free(void *p)
{
	free(p);
}

struct host_thread {
	void (*fn)(void *arg);
	void *arg;
};

static void *host_thread_start(void *p)
{
	struct host_thread t = *(struct host_thread *)p;

	free(p);
	t.fn(t.arg);
	return NULL;
}

/*
 * A new thread starts with SIGINT blocked: the shell reads the terminal's
 * Ctrl-C from a signalfd, which works only if no thread would take it
 * (arch/user/os/line_user.c).  Without the shell, the first thread, which
 * never blocks it, is there to end the process as before.
 */
static long host_thread_create(void (*fn)(void *), void *arg)
{
	struct host_thread *t = malloc(sizeof(*t));
	sigset_t intr, saved;
	pthread_attr_t attr;
	pthread_t tid;
	int err;

	if (!t)
		return -ENOMEM;
	t->fn = fn;
	t->arg = arg;
	sigemptyset(&intr);
	sigaddset(&intr, SIGINT);
	pthread_sigmask(SIG_BLOCK, &intr, &saved);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 << 10);
	err = pthread_create(&tid, &attr, host_thread_start, t);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (err) {
		free(t);
		return -err;
	}
	return (long)tid;
}

static void host_thread_join(long handle)
{
	pthread_join((pthread_t)handle, NULL);
}

static int host_futex_wait(uint32_t *addr, uint32_t val, int64_t timeout_ns)
{
	struct timespec ts, *tsp = NULL;
	long ret;

	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}
	ret = syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, tsp, NULL, 0);
	if (ret == 0)
		return 0;
	if (errno == EAGAIN)
		return -EAGAIN;
	if (errno == ETIMEDOUT)
		return -ETIMEDOUT;
	return 0;	/* EINTR: a spurious wake-up, callers re-check */
}

static void host_futex_wake(uint32_t *addr, int nr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, nr, NULL, NULL, 0);
}

static void host_yield(void)
{
	sched_yield();
}

static uint64_t host_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint64_t host_entropy(void)
{
	uint64_t v;

	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		v = host_time_ns() ^ ((uint64_t)getpid() << 32);
	return v;
}

static int host_open(const char *path, int flags)
{
	int fd;

	switch (flags) {
	case HOST_O_RDONLY:
		fd = open(path, O_RDONLY | O_CLOEXEC);
		break;
	case HOST_O_WRONLY:
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		break;
	case HOST_O_APPEND:
		fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		break;
	default:
		return -EINVAL;
	}
	return fd < 0 ? -errno : fd;
}

static long host_read(int fd, void *buf, unsigned long len)
{
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

static long host_write(int fd, const void *buf, unsigned long len)
{
	const char *p = buf;
	unsigned long done = 0;

	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += n;
	}
	return len;
}

static int host_close(int fd)
{
	return close(fd) ? -errno : 0;
}

static int host_isatty(int fd)
{
	return isatty(fd);
}

/**
 * host_panic_hook - a harness's last look at a kernel panic
 *
 * Runs after the kernel printed why it panics, before the process ends.
 * This default does nothing; a harness that must see a BUG() as a crash
 * of its own defines it (the fuzzers of tools/fuzz/ abort(), so that
 * libFuzzer saves the input that led there).  A hook that returns lets
 * the process end as below.
 */
void __attribute__((weak)) host_panic_hook(void)
{
}

/*
 * A kernel BUG() traps on an invalid instruction (ud2); the process ends
 * with the same signal, SIGILL.  SIGABRT is left to the test harness,
 * which uses it for its own failed assertions.
 */
static __attribute__((noreturn)) void host_panic(void)
{
	host_panic_hook();
	signal(SIGILL, SIG_DFL);
	raise(SIGILL);
	_exit(128 + SIGILL);
}

const struct host_operations host_ops = {
	.ram_map	= host_ram_map,
	.ram_discard	= host_ram_discard,
	.mem_zalloc	= host_mem_zalloc,
	.mem_free	= host_mem_free,
	.thread_create	= host_thread_create,
	.thread_join	= host_thread_join,
	.futex_wait	= host_futex_wait,
	.futex_wake	= host_futex_wake,
	.yield		= host_yield,
	.time_ns	= host_time_ns,
	.entropy	= host_entropy,
	.open		= host_open,
	.read		= host_read,
	.write		= host_write,
	.close		= host_close,
	.isatty		= host_isatty,
	.panic		= host_panic,
	.codec_create	= host_codec_create,
	.codec_destroy	= host_codec_destroy,
	.codec_compress	= host_codec_compress,
	.codec_decompress = host_codec_decompress,
	.line_open	= host_line_open,
	.line_read	= host_line_read,
	.line_intr_wait	= host_line_intr_wait,
	.line_close	= host_line_close,
};
