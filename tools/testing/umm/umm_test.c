// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/umm_test.c - shared helpers of the white-box tests
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "umm_test_lib.h"
#include "../../../init/console.h"

#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/page-flags.h>
#include <linux/pageblock-flags.h>
#include <linux/workload.h>
#include <linux/err.h>

unsigned long umm_test_seed;

int umm_boot(const char *params)
{
	char *argv[64], *copy, *tok, *save = NULL;
	char seed[64];
	int argc = 0;

	copy = strdup(params ? params : "");
	for (tok = strtok_r(copy, " ", &save); tok && argc < 62;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	snprintf(seed, sizeof(seed), "umm.seed=%lu", umm_test_seed);
	argv[argc++] = seed;
	argv[argc] = NULL;
	/* The kernel keeps pointers into argv only while booting. */
	return kernel_boot(argc, argv);
}

unsigned long umm_free_pages(void)
{
	kmem_cache_shrink_all();
	drain_all_pages(NULL);
	return global_zone_page_state(NR_FREE_PAGES);
}

unsigned long nr_free_blocks(struct zone *zone, unsigned int order, int mt)
{
	struct list_head *pos;
	unsigned long n = 0;

	spin_lock(&zone->lock);
	list_for_each(pos, &zone->free_area[order].free_list[mt])
		n++;
	spin_unlock(&zone->lock);
	return n;
}

unsigned long free_order9_units(void)
{
	unsigned long n = 0;
	unsigned int order;
	struct zone *zone;

	drain_all_pages(NULL);
	for_each_populated_zone(zone) {
		spin_lock(&zone->lock);
		for (order = pageblock_order; order < MAX_ORDER; order++)
			n += zone->free_area[order].nr_free <<
			     (order - pageblock_order);
		spin_unlock(&zone->lock);
	}
	return n;
}

void lower_watermarks(void)
{
	min_free_kbytes = 0;
	watermark_scale_factor = 1;
	setup_per_zone_wmarks();
}

u64 xorshift64(u64 *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

u64 seed_stream(u64 stream)
{
	u64 z = umm_test_seed + (stream + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31)) | 1;
}

u64 now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

long rss_bytes(void)
{
	long size, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &size, &resident) != 2)
		resident = -1;
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

long smaps_rollup_kb(const char *key)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	size_t len = strlen(key);
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':') {
			kb = strtol(line + len + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

unsigned long count_lines(const char *s)
{
	unsigned long n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int check_zone(struct zone *zone)
{
	unsigned long sum = 0, pfn;
	unsigned int order;
	int mt, bad = 0;

	spin_lock(&zone->lock);
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long listed = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page,
				&zone->free_area[order].free_list[mt], lru) {
				listed++;
				if (!PageBuddy(page) || page_private(page) != order) {
					printf("# zone %s: pfn %#lx on the order-%u list is not a free block of that order\n",
					       zone->name, page_to_pfn(page), order);
					bad++;
				}
				if (page_to_pfn(page) & ((1UL << order) - 1)) {
					printf("# zone %s: pfn %#lx misaligned for order %u\n",
					       zone->name, page_to_pfn(page), order);
					bad++;
				}
				if (!zone_spans_pfn(zone, page_to_pfn(page))) {
					printf("# zone %s: pfn %#lx outside the zone\n",
					       zone->name, page_to_pfn(page));
					bad++;
				}
			}
		}
		if (listed != zone->free_area[order].nr_free) {
			printf("# zone %s: order %u lists %lu blocks, nr_free says %lu\n",
			       zone->name, order, listed,
			       zone->free_area[order].nr_free);
			bad++;
		}
		sum += zone->free_area[order].nr_free << order;
	}
	if (sum != zone_page_state(zone, NR_FREE_PAGES)) {
		printf("# zone %s: free lists hold %lu pages, NR_FREE_PAGES says %lu\n",
		       zone->name, sum, zone_page_state(zone, NR_FREE_PAGES));
		bad++;
	}
	/* CMA pageblocks' free pages are on the CMA lists, and counted. */
	for (order = 0, sum = 0; order < MAX_ORDER; order++) {
		struct list_head *pos;

		list_for_each(pos, &zone->free_area[order].free_list[MIGRATE_CMA])
			sum += 1UL << order;
	}
	if (sum != zone_page_state(zone, NR_FREE_CMA_PAGES)) {
		printf("# zone %s: CMA free lists hold %lu pages, NR_FREE_CMA_PAGES says %lu\n",
		       zone->name, sum, zone_page_state(zone, NR_FREE_CMA_PAGES));
		bad++;
	}
	if (zone->nr_isolate_pageblock) {
		printf("# zone %s: %lu pageblocks left isolated\n", zone->name,
		       zone->nr_isolate_pageblock);
		bad++;
	}
	spin_unlock(&zone->lock);

	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!(pfn & (pageblock_nr_pages - 1)) &&
		    get_pageblock_migratetype(page) >= MIGRATE_TYPES) {
			printf("# pfn %#lx: pageblock migratetype %lu\n", pfn,
			       get_pageblock_migratetype(page));
			bad++;
		}
		if (PageIsolated(page) && __PageMovable(page)) {
			printf("# pfn %#lx: movable page left isolated\n", pfn);
			bad++;
		}
	}
	return bad;
}

int check_zones(void)
{
	struct zone *zone;
	int bad = 0;

	drain_all_pages(NULL);
	for_each_populated_zone(zone)
		bad += check_zone(zone);
	/* A test ends with _exit(): what is still buffered would be lost. */
	fflush(stdout);
	return bad;
}

struct thread_call {
	int (*fn)(void *arg, int idx);
	void *arg;
	int idx;
	int ret;
	struct completion done;
};

void umm_wait_for_stop(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/*
 * Run the function, then wait to be stopped: kthread_stop() on a thread
 * that has not started yet would never run it.
 */
static int thread_body(void *data)
{
	struct thread_call *c = data;

	c->ret = c->fn(c->arg, c->idx);
	complete(&c->done);
	umm_wait_for_stop();
	return c->ret;
}

int umm_run_threads(int nr, int (*fn)(void *arg, int idx), void *arg)
{
	struct task_struct *tasks[64];
	struct thread_call calls[64];
	int i, ret = 0;

	if (nr > 64)
		return -EINVAL;
	for (i = 0; i < nr; i++) {
		calls[i] = (struct thread_call){ fn, arg, i };
		init_completion(&calls[i].done);
		tasks[i] = kthread_create(thread_body, &calls[i], "test/%d", i);
		if (IS_ERR(tasks[i]))
			return PTR_ERR(tasks[i]);
	}
	for (i = 0; i < nr; i++)
		wake_up_process(tasks[i]);
	for (i = 0; i < nr; i++)
		wait_for_completion(&calls[i].done);
	for (i = 0; i < nr; i++) {
		int r = kthread_stop(tasks[i]);

		if (r && !ret)
			ret = r;
	}
	return ret;
}

int umm_prime_anon_vma_cache(void)
{
	struct workload *w = workload_start("prime");
	long ret;

	if (IS_ERR(w))
		return PTR_ERR(w);
	ret = workload_mmap(w, PAGE_SIZE);
	if (ret >= 0)
		ret = workload_fill(w, 0, 0);
	workload_stop(w);
	return ret < 0 ? ret : 0;
}

int umm_test_args(int argc, char **argv)
{
	int i, j;

	umm_test_seed = 0;
	for (i = 1, j = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			umm_test_seed = strtoul(argv[++i], NULL, 0);
			continue;
		}
		argv[j++] = argv[i];
	}
	argc = j;
	argv[argc] = NULL;
	if (!umm_test_seed && getenv("UMM_SEED"))
		umm_test_seed = strtoul(getenv("UMM_SEED"), NULL, 0);
	if (!umm_test_seed)
		umm_test_seed = ((unsigned long)time(NULL) ^
				 ((unsigned long)getpid() << 16)) | 1;
	printf("# seed: %lu (rerun with -s %lu)\n", umm_test_seed,
	       umm_test_seed);
	fflush(stdout);
	return argc;
}

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

int console(const char *cmds, struct console_out *o)
{
	FILE *out = tmpfile(), *err = tmpfile();
	int saved_out, saved_err;

	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(out), 1);
	dup2(fileno(err), 2);
	o->ret = console_run_text(cmds, "test", true);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	slurp(out, o->out, sizeof(o->out));
	slurp(err, o->err, sizeof(o->err));
	return o->ret;
}
