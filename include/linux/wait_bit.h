/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: waiting for a bit in a word to clear (the page lock's wait). */
/* newer: 4.13's split of wait.h, with its names (wait_bit_queue_entry). */
#ifndef _LINUX_WAIT_BIT_H
#define _LINUX_WAIT_BIT_H

#include <linux/wait.h>

struct wait_bit_key {
	void *flags;
	int bit_nr;
};

struct wait_bit_queue_entry {
	struct wait_bit_key key;
	struct wait_queue_entry wq_entry;
};

#define __WAIT_BIT_KEY_INITIALIZER(word, bit) { .flags = word, .bit_nr = bit }

int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode,
		      int sync, void *key);
void __wake_up_bit(struct wait_queue_head *wq_head, void *word, int bit);
void __wait_on_bit(struct wait_queue_head *wq_head, void *word, int bit);
void __wait_on_bit_lock(struct wait_queue_head *wq_head, void *word, int bit);
struct wait_queue_head *bit_waitqueue(void *word, int bit);
void wait_bit_init(void);

static inline void wake_up_bit(void *word, int bit)
{
	__wake_up_bit(bit_waitqueue(word, bit), word, bit);
}

static inline void wait_on_bit(unsigned long *word, int bit, unsigned int mode)
{
	if (!test_bit(bit, word))
		return;
	__wait_on_bit(bit_waitqueue(word, bit), word, bit);
}

static inline void wait_on_bit_lock(unsigned long *word, int bit,
				    unsigned int mode)
{
	if (!test_and_set_bit(bit, word))
		return;
	__wait_on_bit_lock(bit_waitqueue(word, bit), word, bit);
}

#endif /* _LINUX_WAIT_BIT_H */
