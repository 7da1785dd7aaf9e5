/* SPDX-License-Identifier: GPL-2.0 */
/* arch/user/os/scenario_user.h - the scenario runner (scenario_user.c) */
#ifndef _ARCH_USER_OS_SCENARIO_USER_H
#define _ARCH_USER_OS_SCENARIO_USER_H

int scenario_wanted(int argc, char **argv);
int scenario_main(int argc, char **argv);

#endif /* _ARCH_USER_OS_SCENARIO_USER_H */
