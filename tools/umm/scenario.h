/* SPDX-License-Identifier: GPL-2.0 */
/* tools/umm/scenario.h - the scenario runner (scenario.c) */
#ifndef _TOOLS_UMM_SCENARIO_H
#define _TOOLS_UMM_SCENARIO_H

int scenario_wanted(int argc, char **argv);
int scenario_main(int argc, char **argv);

#endif /* _TOOLS_UMM_SCENARIO_H */
