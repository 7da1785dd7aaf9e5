// SPDX-License-Identifier: GPL-2.0
/*
 * fs/proc/root.c - /proc itself
 */

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include "internal.h"

/* The parent that a NULL parent stands for; never freed. */
struct proc_dir_entry proc_root = {
	.mode	= S_IFDIR | 0555,
};

/**
 * proc_root_init - create /proc and /proc/sys
 *
 * May run before or after vfs_caches_init(), and more than once: an
 * existing /proc is taken as it is.
 */
void __init proc_root_init(void)
{
	struct dentry *dentry = pseudo_mkdir("proc", 0555, NULL);

	if (IS_ERR(dentry))
		panic("proc: cannot create /proc: %ld\n", PTR_ERR(dentry));
	WRITE_ONCE(proc_root.dentry, dentry);
	proc_sys_init();
}

/*
 * /proc's dentry, creating /proc if a subsystem registers its files
 * before proc_root_init() ran: initcall order is then no trap.
 */
struct dentry *proc_root_dentry(void)
{
	if (!READ_ONCE(proc_root.dentry))
		proc_root_init();
	return READ_ONCE(proc_root.dentry);
}
