/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): sysctl tables under /proc/sys. */
#ifndef _LINUX_SYSCTL_H
#define _LINUX_SYSCTL_H

#include <linux/types.h>

struct ctl_table;

typedef int proc_handler(struct ctl_table *ctl, int write, void __user *buffer,
			 size_t *lenp, loff_t *ppos);

struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;
	umode_t mode;
	proc_handler *proc_handler;
	void *extra1;
	void *extra2;
};

/* kernel/sysctl.c */
proc_handler proc_dointvec;
proc_handler proc_dointvec_minmax;
proc_handler proc_douintvec;
proc_handler proc_doulongvec_minmax;

/* fs/proc/proc_sysctl.c: @path is "vm", "kernel"...; table ends with {} */
int register_sysctl(const char *path, struct ctl_table *table);
/* the sysctl.NAME=VALUE boot parameters, once the tables are registered */
int do_sysctl_args(int argc, char **argv);

extern int sysctl_zero;
extern int sysctl_one;
extern int sysctl_hundred;
extern int sysctl_int_max;

#endif /* _LINUX_SYSCTL_H */
