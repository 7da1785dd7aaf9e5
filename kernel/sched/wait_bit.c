// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sched/wait_bit.c - waiting for a bit in a word to clear
 *
 * The wake-up carries the word and bit as its key, so that the waiters of
 * other words hashed to the same queue stay asleep.
 */
#include <linux/wait_bit.h>
#include <linux/hash.h>
#include <linux/sched.h>
#include <linux/init.h>

#define WAIT_TABLE_BITS 8
#define WAIT_TABLE_SIZE (1 << WAIT_TABLE_BITS)

static struct wait_queue_head bit_wait_table[WAIT_TABLE_SIZE];

void __init wait_bit_init(void)
{
	int i;

	for (i = 0; i < WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(bit_wait_table + i);
}

struct wait_queue_head *bit_waitqueue(void *word, int bit)
{
	const int shift = BITS_PER_LONG == 32 ? 5 : 6;
	unsigned long val = (unsigned long)word << shift | bit;

	return bit_wait_table + hash_64(val, WAIT_TABLE_BITS);
}

int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode,
		      int sync, void *arg)
{
	struct wait_bit_key *key = arg;
	struct wait_bit_queue_entry *wait_bit =
		container_of(wq_entry, struct wait_bit_queue_entry, wq_entry);

	if (wait_bit->key.flags != key->flags ||
	    wait_bit->key.bit_nr != key->bit_nr ||
	    test_bit(key->bit_nr, key->flags))
		return 0;
	return autoremove_wake_function(wq_entry, mode, sync, key);
}

static void init_wait_bit_entry(struct wait_bit_queue_entry *w, void *word,
				int bit)
{
	w->key.flags = word;
	w->key.bit_nr = bit;
	w->wq_entry.flags = 0;
	w->wq_entry.private = current;
	w->wq_entry.func = wake_bit_function;
	INIT_LIST_HEAD(&w->wq_entry.entry);
}

/**
 * __wait_on_bit - sleep until a bit is clear
 * @wq_head: the hashed queue for (@word, @bit)
 * @word: the word
 * @bit: the bit number
 */
void __wait_on_bit(struct wait_queue_head *wq_head, void *word, int bit)
{
	struct wait_bit_queue_entry w;

	init_wait_bit_entry(&w, word, bit);
	do {
		prepare_to_wait(wq_head, &w.wq_entry, TASK_UNINTERRUPTIBLE);
		if (test_bit(bit, word))
			schedule();
	} while (test_bit(bit, word));
	finish_wait(wq_head, &w.wq_entry);
}

/**
 * __wait_on_bit_lock - sleep until a bit can be set by us
 * @wq_head: the hashed queue for (@word, @bit)
 * @word: the word
 * @bit: the bit number
 *
 * Waiters are exclusive: an unlock wakes one of them, which then takes
 * the bit (or goes back to sleep if someone else was faster).
 */
void __wait_on_bit_lock(struct wait_queue_head *wq_head, void *word, int bit)
{
	struct wait_bit_queue_entry w;

	init_wait_bit_entry(&w, word, bit);
	for (;;) {
		prepare_to_wait_exclusive(wq_head, &w.wq_entry,
					  TASK_UNINTERRUPTIBLE);
		if (test_bit(bit, word))
			schedule();
		if (!test_and_set_bit_lock(bit, word))
			break;
	}
	finish_wait(wq_head, &w.wq_entry);
}

/**
 * __wake_up_bit - wake the waiters of one bit
 * @wq_head: the hashed queue
 * @word: the word
 * @bit: the bit number
 *
 * The caller cleared the bit and issued a full barrier before, so that
 * the lockless waitqueue_active() cannot miss a waiter that saw it set.
 */
void __wake_up_bit(struct wait_queue_head *wq_head, void *word, int bit)
{
	struct wait_bit_key key = __WAIT_BIT_KEY_INITIALIZER(word, bit);

	/* Lockless check: the caller's barrier makes it safe (see above). */
	if (waitqueue_active(wq_head))
		__wake_up(wq_head, TASK_NORMAL, 1, &key);
}
