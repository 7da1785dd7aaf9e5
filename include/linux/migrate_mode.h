/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: how hard migration may try (4.8's three modes). */
#ifndef MIGRATE_MODE_H_INCLUDED
#define MIGRATE_MODE_H_INCLUDED

/*
 * ASYNC: never sleep (trylock only; a busy page or driver is skipped).
 * SYNC_LIGHT: may sleep on page locks, not on long waits like writeback.
 * SYNC: may sleep wherever migration needs to.
 */
enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

#endif /* MIGRATE_MODE_H_INCLUDED */
