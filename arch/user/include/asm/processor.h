/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: cpu_relax(). */
#ifndef _ASM_USER_PROCESSOR_H
#define _ASM_USER_PROCESSOR_H

#if defined(__x86_64__) || defined(__i386__)
#define cpu_relax()	__builtin_ia32_pause()
#elif defined(__aarch64__)
#define cpu_relax()	__asm__ __volatile__("yield" ::: "memory")
#else
#define cpu_relax()	__asm__ __volatile__("" ::: "memory")
#endif

#endif /* _ASM_USER_PROCESSOR_H */
