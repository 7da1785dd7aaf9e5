// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/os/main_user.c - the process entry point
 *
 * Hands the command line to the kernel, as a boot loader would.
 */
#include <asm/kernel_entry.h>
#include "../../../tools/umm/scenario.h"

int main(int argc, char **argv)
{
	/* Scenarios run in child processes: see tools/umm/scenario.c. */
	if (scenario_wanted(argc - 1, argv + 1))
		return scenario_main(argc - 1, argv + 1);
	return start_kernel(argc - 1, argv + 1);
}
