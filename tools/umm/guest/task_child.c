// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/task_child.c - a task's own work, in its own process
 *
 * The requests of kernel/workload.c, done by a real process on its real
 * memory: mappings go where umm's mmap_anon() puts them (from
 * 0x10000000 up, each at a 2 MiB boundary past a guard page), so the
 * addresses stamped into the pages, the data and what it compresses to
 * are umm's; pages are chosen with the same generator, in the same
 * order, as umm's task chooses them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "agent.h"
#include "pattern.h"
#include "task.h"

#define MMAP_BASE	0x10000000UL
#define MAP_ALIGN	(2UL << 20)	/* PMD_SIZE */
#define MAX_MAPS	64

#define PM_PRESENT	(1ULL << 63)
#define PM_SWAP		(1ULL << 62)

struct mapping {
	unsigned long start, end;
};

static struct mapping maps[MAX_MAPS];
static unsigned int nr_maps;
static unsigned long free_area = MMAP_BASE;
static uint32_t owner, gen;

static void do_mmap(const struct task_req *req, struct task_reply *rep)
{
	unsigned long len = (req->size + AGENT_PAGE_SIZE - 1) &
			    ~(AGENT_PAGE_SIZE - 1);
	void *p;

	if (nr_maps == MAX_MAPS) {
		rep->ret = -ENOMEM;
		return;
	}
	p = mmap((void *)free_area, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED)	/* somewhere else, then: still checkable */
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		rep->ret = -errno;
		return;
	}
	/* Kept in address order, as the vma list. */
	maps[nr_maps].start = (unsigned long)p;
	maps[nr_maps].end = (unsigned long)p + len;
	nr_maps++;
	if ((unsigned long)p == free_area)
		free_area = ((unsigned long)p + len + AGENT_PAGE_SIZE +
			     MAP_ALIGN - 1) & ~(MAP_ALIGN - 1);
	rep->a = (unsigned long)p;
}

/* fill (pct 100) and touch: write a share of the pages, in order. */
static void do_fill(const struct task_req *req, struct task_reply *rep)
{
	struct rnd_state rnd;
	unsigned int m;

	prandom_seed_state(&rnd, req->seed);
	gen++;
	for (m = 0; m < nr_maps; m++) {
		unsigned long addr;

		for (addr = maps[m].start; addr < maps[m].end;
		     addr += AGENT_PAGE_SIZE) {
			if (req->pct < 100 && prandom_below(&rnd, 100) >= req->pct)
				continue;
			fill_pattern_page((void *)addr, owner, addr, gen,
					  req->ratio, req->seed);
			rep->ret++;
		}
	}
}

/* Give back a run of pages. */
static int drop_run(unsigned long start, unsigned long end)
{
	if (start == end)
		return 0;
	return madvise((void *)start, end - start, MADV_DONTNEED) ? -errno : 0;
}

static void do_dontneed(const struct task_req *req, struct task_reply *rep)
{
	unsigned long index = 0;
	struct rnd_state rnd;
	unsigned int m;
	int err = 0;

	prandom_seed_state(&rnd, req->seed);
	for (m = 0; m < nr_maps && !err; m++) {
		unsigned long addr, run = maps[m].start;

		for (addr = maps[m].start; addr < maps[m].end;
		     addr += AGENT_PAGE_SIZE, index++) {
			bool drop;

			if (req->stride)
				drop = (index % req->stride) * 100 <
				       (uint64_t)req->pct * req->stride;
			else
				drop = prandom_below(&rnd, 100) < req->pct;
			if (drop) {
				rep->ret++;
				continue;
			}
			err = drop_run(run, addr);
			run = addr + AGENT_PAGE_SIZE;
			if (err)
				break;
		}
		if (!err)
			err = drop_run(run, addr);
	}
	if (err)
		rep->ret = err;
}

static bool page_is_zero(const void *page)
{
	const uint64_t *w = page;
	size_t i;

	for (i = 0; i < AGENT_PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

/*
 * Every page that is in memory or in swap is read (swapping it in) and
 * checked; one never written, or given back, is "not present", as
 * umm's mm_pte_state() says.  /proc/self/pagemap tells which is which.
 */
static void do_verify(const struct task_req *req, struct task_reply *rep)
{
	uint64_t entries[512];
	unsigned int m;
	int fd;

	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0) {
		rep->ret = -errno;
		return;
	}
	for (m = 0; m < nr_maps; m++) {
		unsigned long addr = maps[m].start;

		while (addr < maps[m].end) {
			size_t n = (maps[m].end - addr) / AGENT_PAGE_SIZE, i;
			off_t off = (addr / AGENT_PAGE_SIZE) * sizeof(uint64_t);

			if (n > 512)
				n = 512;
			if (pread(fd, entries, n * sizeof(uint64_t), off) !=
			    (ssize_t)(n * sizeof(uint64_t))) {
				rep->ret = -EIO;
				close(fd);
				return;
			}
			for (i = 0; i < n; i++, addr += AGENT_PAGE_SIZE) {
				if (!(entries[i] & (PM_PRESENT | PM_SWAP))) {
					rep->b++;
					continue;
				}
				rep->a++;
				if (page_is_zero((void *)addr))
					continue;
				if (!fill_pattern_valid((void *)addr, owner, addr)) {
					if (!rep->c)
						rep->d = addr;
					rep->c++;
				}
			}
		}
	}
	close(fd);
}

/* rss in pages (anonymous), pages mapped by mmap, page-table pages. */
static void do_stat(const struct task_req *req, struct task_reply *rep)
{
	char line[256];
	unsigned long kb;
	unsigned int m;
	FILE *f;

	for (m = 0; m < nr_maps; m++)
		rep->b += (maps[m].end - maps[m].start) / AGENT_PAGE_SIZE;
	f = fopen("/proc/self/status", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "RssAnon: %lu kB", &kb) == 1)
			rep->a = kb / 4;
		else if (sscanf(line, "VmPTE: %lu kB", &kb) == 1)
			rep->c = kb / 4;
	}
	fclose(f);
}

static bool read_full(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/**
 * task_child_main - serve requests until the agent closes the pipe
 * @req_fd: requests come in here
 * @reply_fd: replies go out here
 * @owner_id: the identity stamped into this task's pages
 *
 * The task may be killed at any time by the OOM killer: the agent sees
 * its pipe close.
 */
void task_child_main(int req_fd, int reply_fd, uint32_t owner_id)
{
	struct task_req req;
	int fd;

	owner = owner_id;
	/* The agent is protected from the OOM killer; its tasks are not. */
	fd = open("/proc/self/oom_score_adj", O_WRONLY);
	if (fd >= 0) {
		ssize_t n = write(fd, "0\n", 2);

		(void)n;	/* not fatal: the task keeps -1000 */
		close(fd);
	}
	while (read_full(req_fd, &req, sizeof(req))) {
		struct task_reply rep = { 0 };

		switch (req.op) {
		case TASK_MMAP:
			do_mmap(&req, &rep);
			break;
		case TASK_FILL:
			do_fill(&req, &rep);
			break;
		case TASK_DONTNEED:
			do_dontneed(&req, &rep);
			break;
		case TASK_VERIFY:
			do_verify(&req, &rep);
			break;
		case TASK_STAT:
			do_stat(&req, &rep);
			break;
		default:
			rep.ret = -EINVAL;
		}
		if (write(reply_fd, &rep, sizeof(rep)) != sizeof(rep))
			break;
	}
	_exit(0);
}
