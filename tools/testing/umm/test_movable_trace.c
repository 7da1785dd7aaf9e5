// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable_trace.c - the trace events of movable pages
 *
 * mm_isolate_movable_page with each of its results, and mm_migrate_pages
 * of compaction, read back from the trace as ftrace writes it. *
 * Every test name contains "movable", so that `make check TESTS=movable`
 * runs all of them; movable_test.h has what the files share.
 */
#include "movable_test.h"

TDRV_FIXTURE

/* ==== the trace ==== */

/* Each reason isolate_movable_page() can fail for, provoked one by one. */
TEST_F(umm, movable_trace_isolate_reasons)
{
	struct tobj *a = tdrv_add(), *b = tdrv_add(), *c = tdrv_add();
	struct page *plain = alloc_page(GFP_HIGHUSER_MOVABLE), *pa;
	LIST_HEAD(list);

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_NE(NULL, c);
	ASSERT_NE(NULL, plain);
	trace_start(TRACING "events/migrate/mm_isolate_movable_page/enable");

	/* isolated, then already_isolated */
	pa = a->page;
	ASSERT_TRUE(isolate_obj(a, &list, 0));
	EXPECT_FALSE(isolate_movable_page(pa, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "isolated"));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "already_isolated"));

	/* released: the driver let go while isolated, the VM still holds it */
	tdrv_release(a);
	EXPECT_FALSE(isolate_movable_page(pa, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "released"));
	putback_movable_pages(&list);

	/* freed: the reference count was 0 (pa is free now) */
	EXPECT_EQ(0, page_count(pa));
	EXPECT_FALSE(isolate_movable_page(pa, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "freed"));
	EXPECT_EQ(0, page_count(pa));

	/* locked: somebody holds the page lock */
	lock_page(b->page);
	EXPECT_FALSE(isolate_movable_page(b->page, 0));
	unlock_page(b->page);
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(b->page), "locked"));

	/* refused: the driver said no */
	drv->refuse_isolate = true;
	EXPECT_FALSE(isolate_movable_page(c->page, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(c->page), "refused"));

	/* not_movable: no tag (any more) */
	EXPECT_FALSE(isolate_movable_page(plain, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(plain), "not_movable"));
	put_page(plain);

	EXPECT_EQ(7, trace_count("mm_isolate_movable_page: "));
}

/*
 * compact_memory moves the driver's pages: mm_migrate_pages lines with
 * reason=compaction whose nr_succeeded add up to pgmigrate_success and
 * to the driver's count, and one "isolated" line per isolation.
 */
TEST_F(umm, movable_trace_compaction_migrations)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	unsigned long succeeded = 0, failed = 0;
	char *trace, *p;
	int i, n, lines = 0;

	for (n = 0; n < 2048 && tdrv_add(); n++)
		;
	ASSERT_EQ(2048, n);
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	trace_start(TRACING "events/migrate/enable");
	ASSERT_EQ(0, compact_memory());

	trace = read_file(TRACING "trace");
	ASSERT_NE(NULL, trace);
	for (p = trace; (p = strstr(p, "mm_migrate_pages: ")); p++) {
		unsigned long s, f;
		char mode[32], reason[32];

		ASSERT_EQ(4, sscanf(p, "mm_migrate_pages: nr_succeeded=%lu nr_failed=%lu mode=%31s reason=%31s",
				    &s, &f, mode, reason));
		EXPECT_STREQ("MIGRATE_SYNC", mode);
		EXPECT_STREQ("compaction", reason);
		succeeded += s;
		failed += f;
		lines++;
	}
	free(trace);
	printf("# %d mm_migrate_pages lines: %lu succeeded, %lu failed\n",
	       lines, succeeded, failed);
	EXPECT_GT(succeeded, 0);
	EXPECT_EQ(sum_vm_event(PGMIGRATE_FAIL) - fail, failed);
	EXPECT_EQ(sum_vm_event(PGMIGRATE_SUCCESS) - success, succeeded);
	EXPECT_EQ(atomic_read(&drv->migrated), succeeded);
	EXPECT_EQ(atomic_read(&drv->isolate_calls),
		  trace_count("result=isolated"));
	/* Each isolated page was migrated, or (if targets ran out) put back. */
	EXPECT_EQ(atomic_read(&drv->migrated) +
		  atomic_read(&drv->putback_calls),
		  trace_count("result=isolated"));
	for (i = 1; i < n; i += 2)
		EXPECT_TRUE(tdrv_check(drv->objs[i].page, drv->objs[i].id));
}

UMM_TEST_MAIN
