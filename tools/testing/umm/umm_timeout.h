/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/umm/umm_timeout.h - the harness's hang guard, scaled for sanitizers
 *
 * kselftest_harness.h kills a test after TEST_TIMEOUT_DEFAULT (30) seconds,
 * or the limit TEST_F_TIMEOUT() gives: a guard against a hang, never a
 * speed target (those are benchmarks).  ThreadSanitizer runs umm about ten
 * times slower and ASan about three, so the guard grows with them: a test
 * with a limit of its own writes it as UMM_TIMEOUT(seconds).
 *
 * Include after kselftest_harness.h.
 */
#ifndef _UMM_TIMEOUT_H
#define _UMM_TIMEOUT_H

#ifndef __has_feature
#define __has_feature(x) 0
#endif

#if defined(__SANITIZE_THREAD__) || __has_feature(thread_sanitizer)
#define UMM_SLOWDOWN	10
#elif defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define UMM_SLOWDOWN	3
#else
#define UMM_SLOWDOWN	1
#endif

#define UMM_TIMEOUT(seconds)	((seconds) * UMM_SLOWDOWN)

#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT	UMM_TIMEOUT(30)

#endif /* _UMM_TIMEOUT_H */
