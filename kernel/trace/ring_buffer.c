// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/ring_buffer.c - the ring of pages that trace events go to
 *
 * Order-0 pages from the page allocator, linked in a ring through a
 * header at the start of each page, as ftrace's ring buffer does; so a
 * large buffer needs no large contiguous allocation, and overwriting
 * frees the oldest page as a whole.  Writers are events on any CPU, one
 * at a time under buffer->lock; they never sleep and never allocate.
 * Pages are allocated and freed only by ring_buffer_resize(), which
 * allocates the pages it adds before it takes the lock and frees the
 * pages it removes after.
 *
 * Readers hold buffer->lock while they look at entries and keep an entry
 * id between two looks: ids only grow, so an id older than the oldest
 * entry tells a reader that what it was reading has been overwritten or
 * cleared.
 */

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include "trace.h"

static struct buffer_page *rb_next_page(struct buffer_page *bpage)
{
	return list_next_entry(bpage, list);
}

/* Bytes an entry with @len bytes of text takes in a page. */
static unsigned int rb_entry_size(unsigned int len)
{
	return ALIGN(sizeof(struct trace_entry) + len, 8);
}

static struct trace_entry *rb_entry_at(struct buffer_page *bpage,
				       unsigned int offset)
{
	return (struct trace_entry *)(bpage->data + offset);
}

static void rb_init_page(struct buffer_page *bpage, u64 first_id)
{
	bpage->first_id = first_id;
	bpage->entries = 0;
	bpage->commit = 0;
	bpage->read = 0;
}

/* Free @nr pages of the ring that @bpage is in. */
static void rb_free_pages(struct buffer_page *bpage, unsigned long nr)
{
	while (nr--) {
		struct buffer_page *next = rb_next_page(bpage);

		free_page((unsigned long)bpage);
		bpage = next;
	}
}

/* A ring of @nr fresh pages, or NULL if memory ran out. */
static struct buffer_page *rb_alloc_pages(unsigned long nr)
{
	struct buffer_page *first = NULL, *bpage;
	unsigned long i;

	for (i = 0; i < nr; i++) {
		bpage = (void *)__get_free_page(GFP_KERNEL | __GFP_NOWARN);
		if (!bpage) {
			if (first)
				rb_free_pages(first, i);
			return NULL;
		}
		if (first) {
			list_add_tail(&bpage->list, &first->list);
		} else {
			INIT_LIST_HEAD(&bpage->list);
			first = bpage;
		}
	}
	return first;
}

/* Empty the ring, keeping its pages; ids go on where they were. */
static void rb_reset(struct trace_buffer *buffer)
{
	lockdep_assert_held(&buffer->lock);
	buffer->head = buffer->tail;
	if (buffer->tail)
		rb_init_page(buffer->tail, buffer->next_id);
	buffer->entries = 0;
	buffer->overrun = 0;
}

/**
 * ring_buffer_init - set up an empty buffer without pages
 * @buffer: the buffer
 *
 * Recording is on; nothing is kept until ring_buffer_resize() gives the
 * buffer pages.
 */
void ring_buffer_init(struct trace_buffer *buffer)
{
	spin_lock_init(&buffer->lock);
	buffer->head = NULL;
	buffer->tail = NULL;
	buffer->nr_pages = 0;
	buffer->entries = 0;
	buffer->overrun = 0;
	buffer->next_id = 0;
	buffer->record_on = true;
	buffer->record_disabled = 0;
	buffer->drain = NULL;
}

/*
 * Join the ring @more into the ring of @bpage, right after @bpage.  The
 * rings have no list head of their own, so this is list_splice() done by
 * hand on two circles.
 */
static void rb_join(struct buffer_page *bpage, struct buffer_page *more)
{
	struct list_head *a = &bpage->list, *a_next = a->next;
	struct list_head *b = &more->list, *b_last = b->prev;

	a->next = b;
	b->prev = a;
	b_last->next = a_next;
	a_next->prev = b_last;
}

/* Cut the @nr pages after @bpage out of its ring; they make a ring of their own. */
static struct buffer_page *rb_cut(struct buffer_page *bpage, unsigned long nr)
{
	struct buffer_page *first = rb_next_page(bpage), *last = bpage;

	while (nr--)
		last = rb_next_page(last);
	bpage->list.next = last->list.next;
	last->list.next->prev = &bpage->list;
	first->list.prev = &last->list;
	last->list.next = &first->list;
	return first;
}

/**
 * ring_buffer_resize - give a buffer a new number of pages
 * @buffer: the buffer
 * @nr_pages: how many; 0 frees them all
 *
 * Growing allocates only the pages added and shrinking frees pages
 * without allocating, so a resize never needs the old and the new buffer
 * at once.  A new size drops the entries; the same size changes nothing
 * and keeps them, as in Linux.  May sleep; callers serialise resizes
 * (trace_types_lock), so only this function changes ->nr_pages.
 *
 * Return: 0, or -ENOMEM with the buffer as it was.
 */
int ring_buffer_resize(struct trace_buffer *buffer, unsigned long nr_pages)
{
	struct buffer_page *more = NULL, *drop = NULL;
	unsigned long old_nr = buffer->nr_pages;

	if (nr_pages == old_nr)
		return 0;
	if (nr_pages > old_nr) {
		/* Do not empty the free lists only to fail at the end. */
		if (nr_pages - old_nr > global_zone_page_state(NR_FREE_PAGES))
			return -ENOMEM;
		more = rb_alloc_pages(nr_pages - old_nr);
		if (!more)
			return -ENOMEM;
	}
	spin_lock(&buffer->lock);
	if (more && buffer->tail) {
		rb_join(buffer->tail, more);
	} else if (more) {
		buffer->tail = more;
	} else if (nr_pages) {
		drop = rb_cut(buffer->tail, old_nr - nr_pages);
	} else {
		drop = buffer->tail;
		buffer->tail = NULL;
	}
	buffer->nr_pages = nr_pages;
	rb_reset(buffer);
	spin_unlock(&buffer->lock);

	if (drop)
		rb_free_pages(drop, old_nr - nr_pages);
	return 0;
}

/* Hand the entries of @bpage not yet consumed to buffer->drain. */
static void rb_drain_page(struct trace_buffer *buffer,
			  struct buffer_page *bpage)
{
	unsigned int offset = bpage->read, i;

	for (i = 0; i < bpage->entries; i++) {
		struct trace_entry *entry = rb_entry_at(bpage, offset);

		buffer->drain(entry);
		offset += rb_entry_size(entry->len);
	}
}

/*
 * The tail page is full: go on to the next page, which is the head's when
 * every page is in use; then the oldest entries give way, to the drain
 * if there is one (they are consumed), else lost (overrun).
 */
static struct buffer_page *rb_move_tail(struct trace_buffer *buffer)
{
	struct buffer_page *next = rb_next_page(buffer->tail);

	if (next == buffer->head && buffer->drain) {
		rb_drain_page(buffer, next);
		buffer->entries -= next->entries;
		buffer->head = rb_next_page(next);
	} else if (next == buffer->head) {
		buffer->overrun += next->entries;
		buffer->entries -= next->entries;
		buffer->head = rb_next_page(next);
	}
	rb_init_page(next, buffer->next_id);
	buffer->tail = next;
	return next;
}

/**
 * ring_buffer_write - record one event line
 * @buffer: the buffer
 * @text: the line, without a newline
 * @len: its length, at most TRACE_TEXT_MAX
 *
 * Stamps the line with the time and the current task and CPU.  Nothing is
 * recorded while recording is off, while the trace file is being read, or
 * when the buffer has no pages.  Does not sleep.
 *
 * Return: 0, or -EBADF if the line was not recorded (what Linux's
 * trace_marker answers when the ring buffer takes nothing).
 */
int ring_buffer_write(struct trace_buffer *buffer, const char *text,
		      unsigned int len)
{
	struct task_struct *tsk = current;
	struct trace_entry *entry;
	struct buffer_page *tail;
	unsigned int size;

	len = min_t(unsigned int, len, TRACE_TEXT_MAX);
	size = rb_entry_size(len);
	spin_lock(&buffer->lock);
	if (!buffer->record_on || buffer->record_disabled ||
	    !buffer->nr_pages) {
		spin_unlock(&buffer->lock);
		return -EBADF;
	}
	tail = buffer->tail;
	if (tail->commit + size > BUF_PAGE_SIZE)
		tail = rb_move_tail(buffer);

	entry = rb_entry_at(tail, tail->commit);
	/* Under the lock, so that the lines are in time order. */
	entry->ts = local_clock();
	entry->pid = tsk->pid;
	entry->cpu = smp_processor_id();
	entry->len = len;
	memcpy(entry->comm, tsk->comm, TASK_COMM_LEN);
	entry->comm[TASK_COMM_LEN - 1] = '\0';
	memcpy(entry->text, text, len);

	tail->commit += size;
	tail->entries++;
	buffer->entries++;
	buffer->next_id++;
	spin_unlock(&buffer->lock);
	return 0;
}

/**
 * ring_buffer_consume - take the oldest entry out of the buffer
 * @buffer: the buffer
 * @entry: where the entry is copied, TRACE_TEXT_MAX bytes of text included
 *
 * What trace_pipe reads with: the entry is gone from the buffer once it
 * is copied.  Entries are consumed from the head page; an emptied head
 * page that is not the tail gives the head to the next page.  Does not
 * sleep.
 *
 * Return: true if there was an entry.
 */
bool ring_buffer_consume(struct trace_buffer *buffer, struct trace_entry *entry)
{
	struct buffer_page *head;
	struct trace_entry *e;

	spin_lock(&buffer->lock);
	if (!buffer->entries) {
		spin_unlock(&buffer->lock);
		return false;
	}
	/* The head may be a page emptied while it was also the tail. */
	while (!buffer->head->entries)
		buffer->head = rb_next_page(buffer->head);
	head = buffer->head;
	e = rb_entry_at(head, head->read);
	memcpy(entry, e, sizeof(*e) + e->len);
	head->read += rb_entry_size(e->len);
	head->first_id++;
	head->entries--;
	buffer->entries--;
	if (!head->entries && head != buffer->tail)
		buffer->head = rb_next_page(head);
	spin_unlock(&buffer->lock);
	return true;
}

/**
 * ring_buffer_reset - drop every entry
 * @buffer: the buffer
 *
 * The counts of entries in the buffer and of entries lost start again
 * from 0, as after `echo > trace`.
 */
void ring_buffer_reset(struct trace_buffer *buffer)
{
	spin_lock(&buffer->lock);
	rb_reset(buffer);
	spin_unlock(&buffer->lock);
}

/**
 * ring_buffer_record_on - switch recording on or off (tracing_on)
 * @buffer: the buffer
 * @on: the new state
 */
void ring_buffer_record_on(struct trace_buffer *buffer, bool on)
{
	spin_lock(&buffer->lock);
	WRITE_ONCE(buffer->record_on, on);
	spin_unlock(&buffer->lock);
}

/**
 * ring_buffer_record_disable - hold recording off while a reader reads
 * @buffer: the buffer
 *
 * Calls nest; each one needs a ring_buffer_record_enable().
 */
void ring_buffer_record_disable(struct trace_buffer *buffer)
{
	spin_lock(&buffer->lock);
	buffer->record_disabled++;
	spin_unlock(&buffer->lock);
}

/**
 * ring_buffer_record_enable - undo one ring_buffer_record_disable()
 * @buffer: the buffer
 */
void ring_buffer_record_enable(struct trace_buffer *buffer)
{
	spin_lock(&buffer->lock);
	WARN_ON_ONCE(buffer->record_disabled <= 0);
	buffer->record_disabled--;
	spin_unlock(&buffer->lock);
}

/**
 * ring_buffer_oldest_id - the id of the oldest entry in the buffer
 * @buffer: the buffer, with its lock held
 *
 * Return: that id, or the id the next entry will get if there is none.
 */
u64 ring_buffer_oldest_id(struct trace_buffer *buffer)
{
	lockdep_assert_held(&buffer->lock);
	if (!buffer->entries)
		return buffer->next_id;
	return buffer->head->first_id;
}

/**
 * ring_buffer_iter_seek - find an entry by its id
 * @buffer: the buffer, with its lock held
 * @iter: set to the entry
 * @id: the id
 *
 * Return: true if the entry is in the buffer; false if it is not there
 * yet, or not any more.
 */
bool ring_buffer_iter_seek(struct trace_buffer *buffer, struct ring_iter *iter,
			   u64 id)
{
	struct buffer_page *bpage = buffer->head;
	unsigned int offset;
	u64 cur;

	lockdep_assert_held(&buffer->lock);
	if (!buffer->entries || id < bpage->first_id)
		return false;
	while (id >= bpage->first_id + bpage->entries) {
		if (bpage == buffer->tail)
			return false;
		bpage = rb_next_page(bpage);
	}
	/* Entries before ->read were consumed (trace_pipe). */
	offset = bpage->read;
	for (cur = bpage->first_id; cur < id; cur++)
		offset += rb_entry_size(rb_entry_at(bpage, offset)->len);
	iter->page = bpage;
	iter->offset = offset;
	iter->id = id;
	return true;
}

/**
 * ring_buffer_iter_next - go on to the next entry
 * @buffer: the buffer, with its lock held since @iter was set
 * @iter: the reader's place
 *
 * Return: true if there is a next entry; @iter then names it.
 */
bool ring_buffer_iter_next(struct trace_buffer *buffer, struct ring_iter *iter)
{
	struct buffer_page *bpage = iter->page;

	lockdep_assert_held(&buffer->lock);
	iter->offset += rb_entry_size(ring_buffer_iter_entry(iter)->len);
	iter->id++;
	if (iter->id < bpage->first_id + bpage->entries)
		return true;
	if (bpage == buffer->tail)
		return false;
	iter->page = rb_next_page(bpage);
	iter->offset = iter->page->read;
	return iter->page->entries != 0;
}
