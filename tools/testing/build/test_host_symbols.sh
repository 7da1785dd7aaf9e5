#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/check-host-symbols.sh passes the kernel as built (test 1), and
# fails on a kernel-side object that breaks the rule of host_ops.h: the
# other tests check it on objects made here, compiled as the kernel side
# is (no libc headers), with a libc call declared by hand, as a stray one
# would be.
#
#   test_host_symbols.sh BUILD_DIR
#
# Prints kselftest's TAP lines and totals.
set -u

obj=${1:?usage: test_host_symbols.sh BUILD_DIR}
CC=${CC:-gcc}
check=scripts/check-host-symbols.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../ktap.sh"

# ok NAME STATUS: report one test.
# On a failure, the output the test checked.
ktap_detail() {
	cat "$tmp/out"
}

# kobj NAME: compile stdin as a kernel-side object $tmp/NAME.o.
kobj() {
	$CC -std=gnu11 -nostdinc -ffreestanding -O2 -x c -c -o "$tmp/$1.o" -
}

# expect_fail TEXT...: the check failed, saying each TEXT.
expect_fail() {
	local t

	[ "$status" = 1 ] || return 1
	for t in "$@"; do
		grep -qF -- "$t" "$tmp/out" || return 1
	done
}

echo "TAP version 13"
echo "1..6"

HOST_OBJECTS=$(cat "$obj/host-objects" 2>/dev/null) \
	bash "$check" "$obj/libumm.a" >"$tmp/out" 2>&1
ok "the kernel as built needs nothing from the host but host_ops.h's list" $?

kobj stray_stdio <<'C'
struct _IO_FILE;
struct _IO_FILE *fopen(const char *path, const char *mode);
int printf(const char *fmt, ...);

void stray(void)
{
	if (!fopen("/proc/self/status", "r"))
		printf("no status\n");
}
C
bash "$check" "$tmp/stray_stdio.o" >"$tmp/out" 2>&1
status=$?
expect_fail "stray_stdio.o uses fopen" "stray_stdio.o uses printf"
ok "a kernel-side object calling fopen() and printf() fails the check" $?

kobj stray_swapon <<'C'
int swapon(const char *path, int flags)
{
	return path && flags;
}
C
bash "$check" "$tmp/stray_swapon.o" >"$tmp/out" 2>&1
status=$?
expect_fail "stray_swapon.o defines swapon"
ok "a kernel-side object defining libc's swapon() fails the check" $?

kobj stray_user <<'C'
struct _IO_FILE;
struct _IO_FILE *fopen(const char *path, const char *mode);

void *host_side(void)
{
	return fopen("/proc/self/status", "r");
}
C
mv "$tmp/stray_user.o" "$tmp/report_user.o"
bash "$check" "$tmp/report_user.o" >"$tmp/out" 2>&1
ok "a host-side object (*_user.o) may call libc" $?

kobj allowed <<'C'
extern const struct host_operations { void (*yield)(void); } host_ops;
struct big { char b[65536]; };	/* too big to copy inline */

void allowed(struct big *to, const struct big *from, struct big *clear)
{
	*to = *from;
	*clear = (struct big){ };
	host_ops.yield();
}
C
bash "$check" "$tmp/allowed.o" >"$tmp/out" 2>&1
status=$?
nm -u "$tmp/allowed.o" | grep -qw memcpy &&
	nm -u "$tmp/allowed.o" | grep -qw memset && [ "$status" = 0 ]
ok "the compiler's own memcpy() and memset() and host_ops pass" $?

sed '/HOST_SYMBOLS:/d' arch/user/include/asm/host_ops.h >"$tmp/host_ops.h"
HOST_OPS_H=$tmp/host_ops.h bash "$check" "$tmp/allowed.o" >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "no HOST_SYMBOLS line" "$tmp/out"
ok "without host_ops.h's list the check refuses to run" $?

ktap_totals
[ "$fail" = 0 ]
