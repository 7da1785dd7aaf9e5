// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_tasks.c - workload tasks: fork, exit, the OOM
 * killer and the console verbs that drive them
 *
 * A task costs what fork costs in the kernel: an order-2 kernel stack
 * and page tables, unmovable pages that show in nr_kernel_stack and
 * nr_page_table_pages and come back at exit.  When no order-2 block can
 * be had, creating a task fails and leaves nothing behind.  A task that
 * wants more memory than exists is killed by the OOM killer, and the
 * other tasks keep their data.  The console (init/console_task.c) says
 * so, and refuses bad input with one line and no change to anything.
 * The shell's Ctrl-C (SIGINT) stops a task's request and nothing else.
 *
 * Console commands run in the test process through console_run_text(),
 * with the process's stdout and stderr redirected to files for the time
 * of the command, so that the test sees exactly what a user would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"

#include <linux/workload.h>
#include <linux/compaction.h>
#include <linux/page-flags.h>
#include <linux/pageblock-flags.h>
#include <linux/pseudo_fs.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/rwsem.h>
#include "../../../mm/internal.h"
#include "../../../init/console.h"

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

UMM_TASK_FIXTURE_SETUP

/* ---- helpers ---------------------------------------------------------- */

static int nr_tasks(void)
{
	struct task_struct *p;
	int n = 0;

	read_lock(&tasklist_lock);
	for_each_process(p)
		n++;
	read_unlock(&tasklist_lock);
	return n;
}

static void count_workload(struct workload *w, void *data)
{
	(*(int *)data)++;
}

static int nr_workloads(void)
{
	int n = 0;

	workload_for_each(count_workload, &n);
	return n;
}

/* ---- what a task costs ------------------------------------------------- */

#define NR_PT_TASKS	3

/* Collect the page table pages under one table of @level (0: pgd). */
static int collect_tables(unsigned long *table, int level, struct page **out,
			  int n, int max)
{
	int i;

	if (n < max)
		out[n++] = virt_to_page(table);
	if (level == 3)
		return n;
	for (i = 0; i < PTRS_PER_PTE; i++)
		if (table[i])
			n = collect_tables(__va(table[i] & PTE_PFN_MASK),
					   level + 1, out, n, max);
	return n;
}

/*
 * Kernel stacks and page tables are counted while a task lives and
 * given back when it exits; they are unmovable pages in unmovable
 * pageblocks, and compaction leaves them where they are.
 */
TEST_F(umm, page_tables_and_stacks_are_accounted_and_unmovable)
{
	unsigned long pt0 = global_node_page_state(NR_PAGETABLE);
	unsigned long st0 = global_node_page_state(NR_KERNEL_STACK_KB);
	struct workload *w[NR_PT_TASKS];
	struct page *tables[NR_PT_TASKS][16];
	unsigned long pfns[NR_PT_TASKS][16];
	int nr[NR_PT_TASKS], i, j;
	struct verify_result res;
	char name[16];

	for (i = 0; i < NR_PT_TASKS; i++) {
		snprintf(name, sizeof(name), "pt%d", i);
		w[i] = workload_start(name);
		ASSERT_FALSE(IS_ERR(w[i]));
		EXPECT_EQ(1, atomic_long_read(&w[i]->task->mm->nr_ptes));
	}
	EXPECT_EQ(st0 + NR_PT_TASKS * THREAD_SIZE / 1024,
		  global_node_page_state(NR_KERNEL_STACK_KB));
	EXPECT_EQ(pt0 + NR_PT_TASKS, global_node_page_state(NR_PAGETABLE));

	/* 3 MiB from a 2 MiB boundary: two pte tables, a pmd and a pud. */
	for (i = 0; i < NR_PT_TASKS; i++) {
		ASSERT_LE(0, workload_mmap(w[i], 3 << 20));
		ASSERT_EQ(768, workload_fill(w[i], 300, umm_test_seed + i));
		EXPECT_EQ(5, atomic_long_read(&w[i]->task->mm->nr_ptes));
	}
	EXPECT_EQ(pt0 + 5 * NR_PT_TASKS, global_node_page_state(NR_PAGETABLE));

	for (i = 0; i < NR_PT_TASKS; i++) {
		struct page *stack = virt_to_page(w[i]->task->stack);

		nr[i] = collect_tables((unsigned long *)w[i]->task->mm->pgd, 0,
				       tables[i], 0, 16);
		EXPECT_EQ(5, nr[i]);
		for (j = 0; j < nr[i]; j++) {
			EXPECT_TRUE(PageTable(tables[i][j]));
			EXPECT_FALSE(PageLRU(tables[i][j]));
			EXPECT_EQ(MIGRATE_UNMOVABLE,
				  get_pageblock_migratetype(tables[i][j]));
			pfns[i][j] = page_to_pfn(tables[i][j]);
		}
		/* The stack: an order-2 block of an unmovable pageblock. */
		EXPECT_EQ(0, page_to_pfn(stack) & 3);
		EXPECT_EQ(MIGRATE_UNMOVABLE, get_pageblock_migratetype(stack));
		tables[i][nr[i]] = stack;
		pfns[i][nr[i]] = page_to_pfn(stack);
	}

	/* Holes among the movable pages, then compaction: tables stay put. */
	for (i = 0; i < NR_PT_TASKS; i++)
		ASSERT_EQ(384, workload_dontneed(w[i], 50, 2, 0));
	ASSERT_LE(0, kernel_write_file_path("/proc/sys/vm/compact_memory",
					    "1\n", 2));
	for (i = 0; i < NR_PT_TASKS; i++) {
		struct page *now[16];

		EXPECT_EQ(nr[i], collect_tables((unsigned long *)w[i]->task->mm->pgd,
						0, now, 0, 16));
		for (j = 0; j < nr[i]; j++) {
			EXPECT_EQ(pfns[i][j], page_to_pfn(now[j]));
			EXPECT_EQ(MIGRATE_UNMOVABLE,
				  get_pageblock_migratetype(now[j]));
		}
		EXPECT_EQ(pfns[i][nr[i]],
			  page_to_pfn(virt_to_page(w[i]->task->stack)));
		EXPECT_EQ(0, verify_mismatches(w[i], &res));
		EXPECT_EQ(384, res.checked);
	}

	for (i = 0; i < NR_PT_TASKS; i++)
		EXPECT_EQ(0, workload_stop(w[i]));
	EXPECT_EQ(pt0, global_node_page_state(NR_PAGETABLE));
	EXPECT_EQ(st0, global_node_page_state(NR_KERNEL_STACK_KB));
	EXPECT_EQ(0, global_node_page_state(NR_ANON_MAPPED));
	EXPECT_EQ(0, global_node_page_state(NR_ACTIVE_ANON) +
		     global_node_page_state(NR_INACTIVE_ANON));
}

/* ---- fork without memory ---------------------------------------------- */

/*
 * Every free page a hole of order 0 or 1 between unmovable pages: no
 * order-2 block exists and compaction cannot make one.  Creating a task fails
 * with -ENOMEM, and gives back what it had taken on the way (the
 * workload, its mm and pgd, the task structure): free memory, the stack
 * and page table counters and the task lists are as before.  Nobody is
 * OOM-killed: there is no task with memory.
 */
TEST_F(umm, task_creation_fails_cleanly_without_an_order2_block)
{
	unsigned long nr = 0, i, free_pages, st, pt, oom, taken = 0, pairs = 0;
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct console_out o;
	struct workload *w;
	struct page *page;
	int tasks;

	lower_watermarks();
	/* Take everything, as unmovable pages, then free the even pfns. */
	do {
		taken = nr;
		drain_all_pages(NULL);
		while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN |
					  __GFP_NORETRY)))
			held[nr++] = page;
	} while (nr != taken);
	/*
	 * A few order-1 blocks too (both pages of pairs whose buddy pair
	 * keeps a page): the console's 8 KiB buffers need them.
	 */
	for (i = 0; i < nr; i++) {
		unsigned long pfn = page_to_pfn(held[i]);

		if ((pfn & 1) && ((pfn & 3) != 1 || pairs >= 16))
			continue;
		if (pfn & 1)
			pairs++;
		__free_page(held[i]);
		held[i] = NULL;
	}
	drain_all_pages(NULL);
	for (i = 2; i < MAX_ORDER; i++)
		ASSERT_EQ(0, UMM_ZONE(ZONE_NORMAL)->free_area[i].nr_free);
	ASSERT_LT(1000, zone_page_state(UMM_ZONE(ZONE_NORMAL), NR_FREE_PAGES));

	free_pages = umm_free_pages();
	st = global_node_page_state(NR_KERNEL_STACK_KB);
	pt = global_node_page_state(NR_PAGETABLE);
	oom = sum_vm_event(OOM_KILL);
	tasks = nr_tasks();

	w = workload_start("doomed");
	EXPECT_EQ(-ENOMEM, PTR_ERR(w));
	if (!IS_ERR(w))
		workload_stop(w);
	EXPECT_EQ(free_pages, umm_free_pages());
	EXPECT_EQ(st, global_node_page_state(NR_KERNEL_STACK_KB));
	EXPECT_EQ(pt, global_node_page_state(NR_PAGETABLE));
	EXPECT_EQ(oom, sum_vm_event(OOM_KILL));
	EXPECT_EQ(tasks, nr_tasks());
	EXPECT_EQ(NULL, workload_find("doomed"));
	EXPECT_EQ(0, nr_workloads());

	/* The console says so in one line, and lists no task. */
	EXPECT_EQ(-ENOMEM, console("task start doomed", &o));
	EXPECT_STREQ("umm: task: cannot start 'doomed': Cannot allocate memory\n",
		     strstr(o.err, "umm: task:") ? strstr(o.err, "umm: task:") : o.err);
	EXPECT_STREQ("", o.out);
	EXPECT_EQ(0, console("tasks", &o));
	EXPECT_STREQ("no tasks (start one with 'task start NAME')\n", o.out);
	EXPECT_EQ(free_pages, umm_free_pages());

	/* With memory back, the same task starts. */
	for (i = 0; i < nr; i++)
		if (held[i])
			__free_page(held[i]);
	free(held);
	w = workload_start("doomed");
	ASSERT_FALSE(IS_ERR(w));
	EXPECT_EQ(0, workload_stop(w));
}

/* ---- the OOM killer ----------------------------------------------------- */

/*
 * Task b wants more memory than there is: the OOM killer chooses it (it
 * has the most), its fill fails, it exits and its memory comes back;
 * task a, smaller, keeps every byte.
 */
TEST_F(umm, oom_killer_ends_the_biggest_task_and_spares_the_other)
{
	unsigned long free_before_b, oom = sum_vm_event(OOM_KILL);
	struct verify_result res;
	struct workload *a, *b;

	a = workload_start("a");
	ASSERT_FALSE(IS_ERR(a));
	ASSERT_LE(0, workload_mmap(a, 8 << 20));
	ASSERT_EQ(2048, workload_fill(a, 500, umm_test_seed));
	free_before_b = umm_free_pages();

	b = workload_start("b");
	ASSERT_FALSE(IS_ERR(b));
	ASSERT_LE(0, workload_mmap(b, max_pfn << PAGE_SHIFT));
	EXPECT_EQ(-EINTR, workload_fill(b, 500, umm_test_seed));
	EXPECT_EQ(oom + 1, sum_vm_event(OOM_KILL));
	ASSERT_TRUE(wait_exited(b));
	EXPECT_EQ(SIGKILL, READ_ONCE(b->exit_signal));
	EXPECT_EQ(-ESRCH, workload_verify(b, &res));
	EXPECT_FALSE(READ_ONCE(a->exited));

	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(2048, res.checked);
	EXPECT_EQ(2048, get_mm_rss(a->task->mm));

	EXPECT_EQ(-EINTR, workload_stop(b));
	EXPECT_EQ(free_before_b, umm_free_pages());
	EXPECT_EQ(2048, global_node_page_state(NR_ANON_MAPPED));
	/* a can still grow into the memory b gave back. */
	ASSERT_LE(0, workload_mmap(a, 8 << 20));
	EXPECT_EQ(4096, workload_fill(a, 500, umm_test_seed + 1));
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(oom + 1, sum_vm_event(OOM_KILL));
	EXPECT_EQ(0, workload_stop(a));
}

/*
 * A victim's memory comes back only at the end of its exit: exit_mm()
 * clears task->mm first, and mmput() then unmaps everything.  Until
 * exit_oom_victim() says the memory is back, the OOM killer must wait
 * for it rather than kill again (4.8: a TIF_MEMDIE task aborts the scan
 * until exit_oom_victim(), whether it still has its mm or not).
 *
 * To hold the victim in that window on purpose, the test takes the
 * victim's mmap_sem for reading before it is killed: its exit_mmap()
 * then waits for it, as it would for any other reader of the mm.  The
 * lock is held for 1.5 s, longer than oom_wait_for_victims() waits, so
 * that the growing task tries the OOM killer again meanwhile.  Only
 * one task may die: the hog was enough.
 */
struct slow_exit {
	struct workload *hog, *grower;
	struct mm_struct *hog_mm;
	long fill;
	unsigned long kills_while_held;
};

static int slow_exit_fn(void *arg, int idx)
{
	struct slow_exit *s = arg;
	int ms;

	if (idx == 0) {
		s->fill = workload_fill(s->grower, 500, 5);
		return 0;
	}
	/* Wait for the kill and for the hog to reach exit_mm()... */
	for (ms = 0; ms < 10000 && (!READ_ONCE(s->hog->exited) ||
				    READ_ONCE(s->hog->task->mm)); ms += 20)
		msleep(20);
	/* ...and keep it there. */
	msleep(1500);
	s->kills_while_held = sum_vm_event(OOM_KILL);
	up_read(&s->hog_mm->mmap_sem);
	return 0;
}

TEST_F(umm, oom_killer_waits_for_a_victim_that_is_still_exiting)
{
	unsigned long oom = sum_vm_event(OOM_KILL);
	struct verify_result res;
	struct workload *small;
	struct slow_exit s = { };

	s.hog = workload_start("hog");
	small = workload_start("small");
	s.grower = workload_start("grower");
	ASSERT_FALSE(IS_ERR(s.hog));
	ASSERT_FALSE(IS_ERR(small));
	ASSERT_FALSE(IS_ERR(s.grower));
	ASSERT_LE(0, workload_mmap(s.hog, 40 << 20));
	ASSERT_EQ(10240, workload_fill(s.hog, 500, 1));
	ASSERT_LE(0, workload_mmap(small, 2 << 20));
	ASSERT_EQ(512, workload_fill(small, 500, 2));
	ASSERT_LE(0, workload_mmap(s.grower, 30 << 20));

	s.hog_mm = s.hog->task->mm;
	down_read(&s.hog_mm->mmap_sem);
	ASSERT_EQ(0, umm_run_threads(2, slow_exit_fn, &s));

	printf("# %lu kills while the victim was exiting, grower's fill: %ld\n",
	       s.kills_while_held - oom, s.fill);
	EXPECT_EQ(oom + 1, s.kills_while_held);
	EXPECT_EQ(oom + 1, sum_vm_event(OOM_KILL));
	EXPECT_EQ(7680, s.fill);
	EXPECT_TRUE(wait_exited(s.hog));
	EXPECT_FALSE(READ_ONCE(small->exited));
	EXPECT_EQ(0, verify_mismatches(small, &res));
	EXPECT_EQ(-EINTR, workload_stop(s.hog));
	EXPECT_EQ(0, workload_stop(small));
	/* With a second kill, the grower was the one (it had the most). */
	EXPECT_EQ(s.fill == 7680 ? 0 : -EINTR, workload_stop(s.grower));
}

/* The same through the console, with what it prints. */
TEST_F(umm, console_reports_the_oom_kill_and_reaps_the_task)
{
	static const char * const verbs[] = {
		"fill big", "touch big 10", "madvise big dontneed 10",
		"verify big", "mmap big 4M",
	};
	unsigned long free_before, oom = sum_vm_event(OOM_KILL);
	struct console_out o;
	struct workload *big;
	unsigned int i;

	ASSERT_EQ(0, console("task start small; mmap small 8M; fill small", &o));
	free_before = umm_free_pages();
	ASSERT_EQ(0, console("task start big; mmap big 64M", &o));
	EXPECT_EQ(-EINTR, console("fill big", &o));
	EXPECT_NE(NULL, strstr(o.err, "umm: fill: task 'big' was killed by the OOM killer\n"));
	EXPECT_NE(NULL, strstr(o.err, "Out of memory: Kill process"));
	EXPECT_NE(NULL, strstr(o.err, "(big)"));
	EXPECT_EQ(oom + 1, sum_vm_event(OOM_KILL));
	big = workload_find("big");
	ASSERT_NE(NULL, big);
	ASSERT_TRUE(wait_exited(big));

	EXPECT_EQ(0, console("tasks", &o));
	EXPECT_EQ(2, count_lines(o.out));
	EXPECT_NE(NULL, strstr(o.out, "killed by the OOM killer"));
	EXPECT_NE(NULL, strstr(o.out, "small "));
	EXPECT_NE(NULL, strstr(o.out, "rss 2048 pages"));

	/* Every verb on the dead task: one line, an error, nothing done. */
	for (i = 0; i < ARRAY_SIZE(verbs); i++) {
		char want[128];

		EXPECT_NE(0, console(verbs[i], &o));
		snprintf(want, sizeof(want),
			 "umm: %.*s: task 'big' was killed by the OOM killer (reap it with 'task exit big')\n",
			 (int)strcspn(verbs[i], " "), verbs[i]);
		EXPECT_STREQ(want, o.err);
		EXPECT_STREQ("", o.out);
	}
	EXPECT_EQ(oom + 1, sum_vm_event(OOM_KILL));

	EXPECT_EQ(0, console("verify small", &o));
	EXPECT_STREQ("small: 2048 pages checked, 0 mismatches (0 not present)\n",
		     o.out);
	EXPECT_EQ(0, console("task exit big", &o));
	EXPECT_STREQ("big: had been killed by the OOM killer\n", o.out);
	EXPECT_EQ(free_before, umm_free_pages());
	EXPECT_EQ(0, console("tasks", &o));
	EXPECT_EQ(1, count_lines(o.out));
	EXPECT_EQ(NULL, strstr(o.out, "big"));
	EXPECT_EQ(0, console("task exit small", &o));
	EXPECT_STREQ("small: exited\n", o.out);
}

/* ---- bad input ------------------------------------------------------------ */

static const struct {
	const char *cmd;
	const char *err;	/* stderr, exactly */
} bad_input[] = {
	{ "fill ghost", "umm: fill: no task named 'ghost'\n" },
	{ "verify ghost", "umm: verify: no task named 'ghost'\n" },
	{ "mmap ghost 4M", "umm: mmap: no task named 'ghost'\n" },
	{ "task exit ghost", "umm: task: no task named 'ghost'\n" },
	{ "mmap a 0", "umm: mmap: bad size '0' (bytes with K, M or G, or 1%-100% of memory)\n" },
	{ "mmap a 4Q", "umm: mmap: bad size '4Q' (bytes with K, M or G, or 1%-100% of memory)\n" },
	{ "mmap a 1G", "umm: mmap: size 1G is larger than memory (64M)\n" },
	{ "fill a ratio=2", "umm: fill: bad ratio '2' (a number from 0 to 1)\n" },
	{ "fill a ratio=x", "umm: fill: bad ratio 'x' (a number from 0 to 1)\n" },
	{ "fill a ratio=1.5", "umm: fill: bad ratio '1.5' (a number from 0 to 1)\n" },
	{ "fill a seed=y", "umm: fill: bad seed 'y'\n" },
	{ "fill a colour=red", "umm: fill: unknown option 'colour=red' (ratio=R, seed=S)\n" },
	{ "touch a 101", "umm: touch: bad percentage '101' (0 to 100)\n" },
	{ "touch a -1", "umm: touch: bad percentage '-1' (0 to 100)\n" },
	{ "touch a", "umm: touch: usage: touch NAME PCT\n" },
	{ "madvise a dontneed 101", "umm: madvise: bad percentage '101' (0 to 100)\n" },
	{ "madvise a willneed 50", "umm: madvise: usage: madvise NAME dontneed PCT [random|stride=N]\n" },
	{ "madvise a 50", "umm: madvise: usage: madvise NAME dontneed PCT [random|stride=N]\n" },
	{ "madvise a dontneed 50 stride=0", "umm: madvise: bad 'stride=0' (random or stride=N, N >= 1)\n" },
	{ "madvise a dontneed 50 every=2", "umm: madvise: bad 'every=2' (random or stride=N, N >= 1)\n" },
	{ "task start abcdefghijklmnop",
	  "umm: task: bad task name 'abcdefghijklmnop' (letters, digits, _ and -, up to 15)\n" },
	{ "task start a/b", "umm: task: bad task name 'a/b' (letters, digits, _ and -, up to 15)\n" },
	{ "task start 'a b'", "umm: task: bad task name 'a b' (letters, digits, _ and -, up to 15)\n" },
	{ "task start a", "umm: task: cannot start 'a': File exists\n" },
	{ "task frob a", "umm: task: usage: task start|exit NAME\n" },
	{ "task start", "umm: task: usage: task start|exit NAME\n" },
	{ "verify", "umm: verify: usage: verify NAME\n" },
};

/*
 * Each bad command fails with status != 0, prints nothing on stdout and
 * exactly one line "umm: CMD: reason" on stderr, and changes nothing:
 * the task table reads the same, free memory is the same, no page was
 * touched.
 */
TEST_F(umm, console_rejects_bad_input_with_one_line_and_no_change)
{
	char tasks_before[8192];
	unsigned long free, faults;
	struct console_out o;
	unsigned int i;

	ASSERT_EQ(0, console("task start a; mmap a 4M; fill a; task start b", &o));
	ASSERT_EQ(0, console("tasks", &o));
	strcpy(tasks_before, o.out);
	ASSERT_EQ(2, count_lines(tasks_before));
	free = umm_free_pages();
	faults = sum_vm_event(PGFAULT);

	for (i = 0; i < ARRAY_SIZE(bad_input); i++) {
		const char *cmd = bad_input[i].cmd;

		EXPECT_GT(0, console(cmd, &o)) TH_LOG("%s", cmd);
		EXPECT_STREQ(bad_input[i].err, o.err) TH_LOG("%s", cmd);
		EXPECT_EQ(1, count_lines(o.err)) TH_LOG("%s", cmd);
		EXPECT_STREQ("", o.out) TH_LOG("%s", cmd);
		ASSERT_EQ(0, console("tasks", &o));
		EXPECT_STREQ(tasks_before, o.out) TH_LOG("after %s", cmd);
		EXPECT_EQ(free, umm_free_pages()) TH_LOG("after %s", cmd);
		EXPECT_EQ(faults, sum_vm_event(PGFAULT)) TH_LOG("after %s", cmd);
	}
	/* A script stops at the first bad command. */
	EXPECT_GT(0, console("touch a 200; task exit a", &o));
	EXPECT_NE(NULL, workload_find("a"));
	EXPECT_EQ(0, console("verify a", &o));
	EXPECT_STREQ("a: 1024 pages checked, 0 mismatches (0 not present)\n", o.out);
	EXPECT_EQ(0, console("task exit a; task exit b", &o));
	EXPECT_STREQ("a: exited\nb: exited\n", o.out);
}

/* ---- exit gives everything back ------------------------------------------ */

/*
 * Tasks that mapped, filled, touched and gave back memory, with
 * compaction in between: once they exit, no anonymous page, no page
 * table, no LRU page is left, and free memory is what it was (the
 * fixture checks the page count).
 */
TEST_F(umm, exit_gives_back_every_page)
{
	unsigned long st0 = global_node_page_state(NR_KERNEL_STACK_KB);
	struct verify_result res;
	struct workload *w[4];
	char name[16];
	int i;

	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		w[i] = workload_start(name);
		ASSERT_FALSE(IS_ERR(w[i]));
		ASSERT_LE(0, workload_mmap(w[i], (i + 1) << 20));
		ASSERT_LE(0, workload_mmap(w[i], 1 << 20));
		ASSERT_EQ((i + 2) * 256, workload_fill(w[i], 250 * i, umm_test_seed));
		ASSERT_LT(0, workload_dontneed(w[i], 30, 0, umm_test_seed + i));
	}
	ASSERT_LE(0, kernel_write_file_path("/proc/sys/vm/compact_memory",
					    "1\n", 2));
	for (i = 0; i < 4; i++) {
		ASSERT_LE(0, workload_touch(w[i], 50, umm_test_seed + 10 + i));
		EXPECT_EQ(0, verify_mismatches(w[i], &res));
		EXPECT_EQ(get_mm_rss(w[i]->task->mm), res.checked);
	}
	for (i = 0; i < 4; i++)
		EXPECT_EQ(0, workload_stop(w[i]));
	EXPECT_EQ(0, global_node_page_state(NR_ANON_MAPPED));
	EXPECT_EQ(0, global_node_page_state(NR_PAGETABLE));
	EXPECT_EQ(0, global_node_page_state(NR_ACTIVE_ANON) +
		     global_node_page_state(NR_INACTIVE_ANON));
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
	EXPECT_EQ(st0, global_node_page_state(NR_KERNEL_STACK_KB));
	EXPECT_EQ(0, nr_workloads());
}

/* ---- SIGINT: the shell's Ctrl-C (init/console_shell.c) ------------------ */

/* Has @w a request in flight?  ->req is under ->lock. */
static bool request_in_flight(struct workload *w)
{
	bool busy;

	spin_lock(&w->lock);
	busy = w->req;
	spin_unlock(&w->lock);
	return busy;
}

/* As the shell's "ttyintr" thread: once @arg's request runs, interrupt it. */
static int interrupt_request(void *arg)
{
	struct workload *w = arg;

	while (!request_in_flight(w))
		msleep(1);
	workload_interrupt();
	return 0;
}

TEST_F(umm, sigint_stops_a_request_and_the_task_lives_on)
{
	unsigned long pages = (32 << 20) >> PAGE_SHIFT;
	struct verify_result res;
	struct task_struct *k;
	struct workload *w;

	w = workload_start("intr");
	ASSERT_FALSE(IS_ERR(w));
	ASSERT_LE(0, workload_mmap(w, pages << PAGE_SHIFT));
	k = kthread_run(interrupt_request, w, "interrupter");
	ASSERT_FALSE(IS_ERR(k));
	/* It stops at a page's end: some pages are written, not all. */
	EXPECT_EQ(-EINTR, workload_fill(w, 500, umm_test_seed));
	EXPECT_EQ(0, kthread_stop(k));
	/* Not the OOM killer's: the task flushed it and takes requests. */
	EXPECT_FALSE(signal_pending(w->task));
	EXPECT_FALSE(READ_ONCE(w->exited));
	EXPECT_LT(0, get_mm_rss(w->task->mm));
	EXPECT_GT(pages, get_mm_rss(w->task->mm));
	EXPECT_EQ(0, verify_mismatches(w, &res));
	EXPECT_EQ(pages, workload_fill(w, 500, umm_test_seed + 1));
	EXPECT_EQ(0, verify_mismatches(w, &res));
	EXPECT_EQ(pages, res.checked);
	EXPECT_EQ(0, workload_stop(w));
}

TEST_F(umm, sigint_without_a_request_reaches_no_task)
{
	struct workload *w = workload_start("idle");

	ASSERT_FALSE(IS_ERR(w));
	ASSERT_LE(0, workload_mmap(w, 1 << 20));
	workload_interrupt();
	EXPECT_FALSE(signal_pending(w->task));
	EXPECT_EQ(256, workload_fill(w, 500, umm_test_seed));
	EXPECT_EQ(0, workload_stop(w));
}

/* As the shell's thread signals the shell itself. */
static int interrupt_sleeper(void *arg)
{
	msleep(20);
	return send_sig(SIGINT, arg, 0);
}

TEST_F(umm, sigint_ends_an_interruptible_sleep_and_is_flushed)
{
	struct task_struct *k = kthread_run(interrupt_sleeper, current, "interrupter");
	u64 t0 = ktime_get_ns();
	unsigned long left;

	ASSERT_FALSE(IS_ERR(k));
	left = msleep_interruptible(60000);
	EXPECT_EQ(0, kthread_stop(k));
	EXPECT_LT(0, left);
	EXPECT_GT(60000, left);
	EXPECT_GT(30ULL * NSEC_PER_SEC, ktime_get_ns() - t0);
	EXPECT_TRUE(signal_pending(current));
	EXPECT_FALSE(fatal_signal_pending(current));
	/* Only SIGINT is sent this way. */
	EXPECT_EQ(-EINVAL, send_sig(SIGKILL, current, 0));
	flush_signals(current);
	EXPECT_FALSE(signal_pending(current));
	EXPECT_EQ(0, msleep_interruptible(1));
}

UMM_TEST_MAIN
