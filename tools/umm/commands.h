/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/commands.h - the commands of ./umm that the host runs itself
 *
 * main_user.c hands these command lines to tools/umm/ instead of booting
 * the kernel in its own process: `umm scenario` (scenario.c) boots it in
 * child processes, `umm sweep` (sweep.c) in many at once, `umm report`
 * (report_cmd.c) does not boot it at all, `umm compare`
 * (tools/umm/kernel/compare.c) boots umm in a child process and Linux
 * under QEMU.
 */
#ifndef _TOOLS_UMM_COMMANDS_H
#define _TOOLS_UMM_COMMANDS_H

int scenario_wanted(int argc, char **argv);
int scenario_main(int argc, char **argv);

int sweep_wanted(int argc, char **argv);
int sweep_main(int argc, char **argv);

int report_wanted(int argc, char **argv);
int report_main(int argc, char **argv);

int compare_wanted(int argc, char **argv);
int compare_main(int argc, char **argv);

#endif /* _TOOLS_UMM_COMMANDS_H */
