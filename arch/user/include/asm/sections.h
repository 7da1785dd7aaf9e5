/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the bounds of the linker sections the kernel walks. */
#ifndef _ASM_USER_SECTIONS_H
#define _ASM_USER_SECTIONS_H

#include <linux/init.h>
#include <linux/moduleparam.h>

/*
 * GNU ld defines __start_<sec> and __stop_<sec> for every output section
 * whose name is a C identifier.  Weak: a section nobody put anything in
 * does not exist, and its bounds are then both NULL.
 */
extern const struct obs_kernel_param __start_init_setup[] __weak;
extern const struct obs_kernel_param __stop_init_setup[] __weak;
extern const struct kernel_param __start___param[] __weak;
extern const struct kernel_param __stop___param[] __weak;
extern char __start_data_percpu[] __weak;
extern char __stop_data_percpu[] __weak;

extern initcall_t __start_initcall1[] __weak, __stop_initcall1[] __weak;
extern initcall_t __start_initcall2[] __weak, __stop_initcall2[] __weak;
extern initcall_t __start_initcall3[] __weak, __stop_initcall3[] __weak;
extern initcall_t __start_initcall4[] __weak, __stop_initcall4[] __weak;
extern initcall_t __start_initcall5[] __weak, __stop_initcall5[] __weak;
extern initcall_t __start_initcall6[] __weak, __stop_initcall6[] __weak;
extern initcall_t __start_initcall7[] __weak, __stop_initcall7[] __weak;

#endif /* _ASM_USER_SECTIONS_H */
