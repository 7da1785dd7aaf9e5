#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel side reaches the host only through host_ops.h: check it on
# the objects themselves, as the kernel's modpost checks what a module
# may link to.
#
#   check-host-symbols.sh ARCHIVE_OR_OBJECT...
#
# Kernel-side objects are every object but the host side's: those named
# in $HOST_OBJECTS (file names, space-separated: the Makefile's host-y
# lists, which it writes to BUILD/host-objects) and any *_user.o.
# Two rules:
#   - a symbol a kernel-side object uses and no kernel-side object
#     defines must be one that host_ops.h lists on its "HOST_SYMBOLS:"
#     line, made by the linker (__start_ and __stop_ of a section, the
#     GOT), or the compiler's own runtime (libgcc, sanitizers);
#   - no kernel-side object defines a global that the host's libraries
#     define: it would take their place in the whole process.
# Prints every violation and exits 1 if there is one.
set -u
export LC_ALL=C

CC=${CC:-gcc}
HOST_OPS_H=${HOST_OPS_H:-arch/user/include/asm/host_ops.h}

if [ $# = 0 ]; then
	echo "usage: check-host-symbols.sh ARCHIVE_OR_OBJECT..." >&2
	exit 2
fi
allowed=$(sed -n 's/^ \* HOST_SYMBOLS: *//p' "$HOST_OPS_H")
if [ -z "$allowed" ]; then
	echo "check-host-symbols: no HOST_SYMBOLS line in $HOST_OPS_H" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "object symbol type" for every global of a kernel-side object.
nm -A -g -P "$@" >"$tmp/nm" || exit 2
awk -v hosts="${HOST_OBJECTS:-}" 'BEGIN {
	n = split(hosts, h, " ")
	for (i = 1; i <= n; i++)
		host[h[i]] = 1
}
{
	obj = $1
	sub(/:$/, "", obj)
	name = obj
	sub(/\]$/, "", name)
	sub(/.*[\/\[]/, "", name)
	if (name ~ /_user\.o$/ || name in host)
		next
	print obj, $2, $3
}' "$tmp/nm" >"$tmp/kernel"
awk '$3 != "U" && $3 != "w" { print $2 }' "$tmp/kernel" | sort -u >"$tmp/defined"

# The compiler's runtime: what libgcc (or compiler-rt) defines.
nm -g -P --defined-only "$($CC -print-libgcc-file-name)" 2>/dev/null |
	awk 'NF >= 2 { print $1 }' | sort -u >"$tmp/runtime"
printf '%s\n' $allowed | sort -u >"$tmp/allowed"

# Rule 1: what the kernel side takes from the host.
awk '$3 == "U" || $3 == "w" { print $2, $1 }' "$tmp/kernel" | sort -u |
	join -v 1 - "$tmp/defined" |
	join -v 1 - "$tmp/allowed" |
	join -v 1 - "$tmp/runtime" |
	awk '$1 !~ /^(__start_|__stop_|_GLOBAL_OFFSET_TABLE_$|__(asan|tsan|ubsan|msan|sanitizer)_)/' \
	>"$tmp/taken"

# Rule 2: what the kernel side defines over the host's libraries.
for lib in libc.so.6 libm.so.6 liblz4.so liblzo2.so libzstd.so; do
	f=$(readlink -f "$($CC -print-file-name=$lib)")
	[ "$(head -c 4 "$f" 2>/dev/null)" = $'\x7fELF' ] || continue
	nm -D -g -P --defined-only "$f" | awk '{ sub(/@.*/, "", $1); print $1 }'
done | sort -u >"$tmp/hostlibs"
if [ ! -s "$tmp/hostlibs" ]; then
	echo "check-host-symbols: cannot find the host's libc" >&2
	exit 2
fi
comm -12 "$tmp/defined" "$tmp/hostlibs" >"$tmp/clash"

while read -r sym obj; do
	echo "check-host-symbols: $obj uses $sym, which only the host has: add an operation to $HOST_OPS_H"
done <"$tmp/taken"
while read -r sym; do
	obj=$(awk -v s="$sym" '$2 == s && $3 != "U" && $3 != "w" { print $1; exit }' "$tmp/kernel")
	echo "check-host-symbols: $obj defines $sym, as the host's libraries do: give it the kernel's name"
done <"$tmp/clash"
[ ! -s "$tmp/taken" ] && [ ! -s "$tmp/clash" ]
