// SPDX-License-Identifier: GPL-2.0
/*
 * init/main.c - boot
 *
 * The order follows the kernel's start_kernel(): boot parameters, the
 * run queues, the memory layout, the boot CPU and per-cpu areas, the node
 * and its zones, the buddy allocator, slab, the pseudo filesystems, the
 * other CPUs (smp_init()), then the initcalls; after that the console
 * takes over (init/console.c), as init would.
 */
#define MODULE_PARAM_PREFIX "umm."

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/memblock.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/random.h>
#include <linux/ktime.h>
#include <linux/cpumask.h>
#include <linux/moduleparam.h>
#include <linux/pseudo_fs.h>
#include <linux/proc_fs.h>
#include <linux/debugfs.h>
#include <linux/wait_bit.h>
#include <linux/rmap.h>
#include <linux/page_kind.h>
#include <linux/sysctl.h>
#include <asm/host_ops.h>
#include <asm/sections.h>
#include "console.h"

/* umm.seed=: seeds every pseudo-random choice; 0 picks one at boot. */
unsigned long umm_seed;
module_param_named(seed, umm_seed, ulong, 0444);

/*
 * umm.deterministic=1: kernel threads do their work synchronously where
 * they would be woken, so that a script with a fixed seed prints the same
 * numbers on every run.
 */
bool umm_deterministic;
module_param_named(deterministic, umm_deterministic, bool, 0444);

static initcall_t *initcall_levels[][2] = {
	{ __start_initcall1, __stop_initcall1 },
	{ __start_initcall2, __stop_initcall2 },
	{ __start_initcall3, __stop_initcall3 },
	{ __start_initcall4, __stop_initcall4 },
	{ __start_initcall5, __stop_initcall5 },
	{ __start_initcall6, __stop_initcall6 },
	{ __start_initcall7, __stop_initcall7 },
};

/*
 * Return: 0, or the error of a page kind registered wrong: a bug of its
 * owner, which said which in one line; the boot stops there.
 */
int __init do_initcalls(void)
{
	unsigned int level;
	initcall_t *fn;

	for (level = 0; level < ARRAY_SIZE(initcall_levels); level++)
		for (fn = initcall_levels[level][0];
		     fn < initcall_levels[level][1]; fn++) {
			int ret = (*fn)();

			if (page_kind_boot_status())
				return page_kind_boot_status();
			if (ret)
				pr_warn("initcall %p returned %d\n", *fn, ret);
		}
	return 0;
}

/**
 * kernel_boot - bring the kernel up, without starting the console
 * @argc: number of boot parameters
 * @argv: "name=value" boot parameters
 *
 * Tests call this directly to get a running kernel in their process.
 *
 * Return: 0, or -errno after printing one line saying what was wrong.
 */
int __init kernel_boot(int argc, char **argv)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES];
	int err;

	__current_task = &init_task;
	time_init();
	err = parse_args("umm", argc, argv);
	if (err)
		return err;
	sched_init();
	err = setup_arch(max_zone_pfn);
	if (err)
		return err;
	boot_cpu_init();
	setup_per_cpu_areas();
	if (!umm_seed)
		umm_seed = host_ops.entropy() >> 1 ? : 1;
	prandom_reseed(umm_seed);
	wait_bit_init();
	pagecache_init();
	free_area_init(max_zone_pfn);
	mem_init();
	kmem_cache_init();
	fork_init();
	anon_vma_init();
	mmap_init();
	vfs_caches_init();
	proc_root_init();
	debugfs_init();
	smp_init();
	err = do_initcalls();
	if (err)
		return err;
	err = do_sysctl_args(argc, argv);
	if (err)
		return err;
	pr_info("umm: %lu MiB RAM, %lu pages free, seed %lu\n",
		(max_pfn << PAGE_SHIFT) >> 20,
		global_zone_page_state(NR_FREE_PAGES), umm_seed);
	return 0;
}

/**
 * start_kernel - the process's entry point into the kernel
 * @argc: arguments after the program name
 * @argv: boot parameters (name=value) and the console's mode and commands
 *
 * Return: the process exit status.
 */
int start_kernel(int argc, char **argv)
{
	struct console_args args;
	int err;

	err = console_parse_args(argc, argv, &args);
	if (err)
		return err;
	if (args.mode == CONSOLE_HELP) {
		console_usage();
		return 0;
	}
	if (kernel_boot(args.nr_params, args.params))
		return 2;
	return console_main(&args);
}
