// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/os/main_user.c - the process entry point
 *
 * Hands the command line to the kernel, as a boot loader would; the
 * commands that the host runs itself (tools/umm/commands.h) go there.
 */
#include <asm/kernel_entry.h>
#include "../../../tools/umm/commands.h"

int main(int argc, char **argv)
{
	/* A saved report made again: no kernel at all. */
	if (report_wanted(argc - 1, argv + 1))
		return report_main(argc - 1, argv + 1);
	/* umm beside Linux under QEMU: see tools/umm/kernel/compare.c. */
	if (compare_wanted(argc - 1, argv + 1))
		return compare_main(argc - 1, argv + 1);
	/* Many runs of a scenario at once: see tools/umm/sweep.c. */
	if (sweep_wanted(argc - 1, argv + 1))
		return sweep_main(argc - 1, argv + 1);
	/* Scenarios run in child processes: see tools/umm/runner.c. */
	if (scenario_wanted(argc - 1, argv + 1))
		return scenario_main(argc - 1, argv + 1);
	return start_kernel(argc - 1, argv + 1);
}
