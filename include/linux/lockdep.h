/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: lockdep_assert_held() checks the owner field of our locks. */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/bug.h>
#include <asm/current.h>

/* For spinlock_t, rwlock_t (write side) and struct mutex. */
#define lockdep_assert_held(l)	\
	WARN_ON(READ_ONCE((l)->owner) != current)
#define lockdep_assert_held_write(l)	lockdep_assert_held(l)

#endif
