#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the initramfs of './umm compare': Debian's kernel boots it under
# QEMU and its /init hands the guest to the agent (Documentation/umm/compare.rst).
#
#   mkinitramfs.sh OUT_DIR [KVER]
#
# KVER defaults to the newest kernel that has both /boot/vmlinuz-KVER and
# /lib/modules/KVER.  Everything built goes into OUT_DIR (never into the
# source tree): the static agent, the helper module umm_alloc when it
# builds against /lib/modules/KVER/build, the root directory and
# OUT_DIR/initramfs.cpio.gz.  On success it prints two lines,
#
#   kernel /boot/vmlinuz-KVER
#   initrd OUT_DIR/initramfs.cpio.gz
#
# and on failure one line on stderr and a non-zero status.
set -u

me=mkinitramfs.sh
die() {
	echo "$me: $*" >&2
	exit 1
}

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $me OUT_DIR [KVER]"
guest=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$guest/../../.." && pwd)
out=$(realpath -m "$1")
kver=${2:-}
case "$out/" in
"$top"/*) die "$out is inside the source tree: build elsewhere" ;;
esac

if [ -z "$kver" ]; then
	for v in $(ls /lib/modules 2>/dev/null | sort -rV); do
		if [ -f "/boot/vmlinuz-$v" ]; then
			kver=$v
			break
		fi
	done
	[ -n "$kver" ] || die "no kernel with both /boot/vmlinuz-VER and /lib/modules/VER (install linux-image-amd64)"
fi
kernel=/boot/vmlinuz-$kver
[ -f "$kernel" ] || die "no kernel $kver: $kernel is missing"
[ -d "/lib/modules/$kver" ] || die "no kernel $kver: /lib/modules/$kver is missing"
for tool in busybox cpio gzip modprobe "${CC:-gcc}" make; do
	command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup-deps.sh installs it)"
done
busybox=$(command -v busybox)
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	die "$busybox is not statically linked (install busybox-static)"

mkdir -p "$out" || die "cannot create $out"
root=$out/root
log=$out/build.log
rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,etc,lib/modules} || die "cannot create $root"
: >"$log"

# The agent, static.  OUT_DIR is often a cache shared by every clone of
# the tree (~/.cache/umm/compare/guest): objects built from another
# tree are not reused, since their dependency files name that tree's
# sources, which may have changed or be gone.
agent=$out/agent
if [ -d "$agent" ] && [ "$(cat "$agent/.source" 2>/dev/null)" != "$top" ]; then
	rm -rf "$agent" || die "cannot clear $agent"
fi
mkdir -p "$agent" && echo "$top" >"$agent/.source" ||
	die "cannot create $agent"
make --no-print-directory -f "$guest/Makefile" O="$agent" STATIC=1 \
	>>"$log" 2>&1 || die "the agent does not build (see $log)"
cp "$agent/umm-agent" "$root/bin/umm-agent" || die "cannot copy the agent"
cp "$busybox" "$root/bin/busybox" || die "cannot copy busybox"

# The kernel's modules, in dependency order, each once.  A compressed
# module is stored decompressed: busybox's insmod reads plain ELF.
: >"$root/etc/modules"
add_module() {
	local ko=$1 name
	name=$(basename "${ko%.xz}")
	name=${name%.zst}
	grep -qx "$name" "$root/etc/modules" && return 0
	case "$ko" in
	*.xz) xz -dc "$ko" >"$root/lib/modules/$name" ;;
	*.zst) zstd -dcq "$ko" >"$root/lib/modules/$name" ;;
	*) cp "$ko" "$root/lib/modules/$name" ;;
	esac || die "cannot copy $ko"
	echo "$name" >>"$root/etc/modules"
}
for m in zram lz4 virtio_pci virtio_balloon; do
	deps=$(modprobe -S "$kver" --show-depends "$m" 2>>"$log") ||
		die "kernel $kver has no module $m (modprobe -S $kver --show-depends $m)"
	for ko in $(echo "$deps" | awk '$1 == "insmod" { print $2 }'); do
		add_module "$ko"
	done
done

# The helper module of alloc/free, if it builds; if not, the agent
# says why those verbs are not available.
mod=$out/umm_alloc
rm -rf "$mod"
mkdir -p "$mod"
cp "$guest/umm_alloc/Kbuild" "$guest/umm_alloc/umm_alloc.c" "$mod/"
if [ ! -d "/lib/modules/$kver/build" ]; then
	echo "the helper module umm_alloc needs /lib/modules/$kver/build (install linux-headers-amd64)" \
		>"$root/etc/umm_alloc.why"
elif make -C "/lib/modules/$kver/build" M="$mod" modules >>"$log" 2>&1; then
	cp "$mod/umm_alloc.ko" "$root/lib/modules/umm_alloc.ko"
	echo umm_alloc.ko >>"$root/etc/modules"
else
	echo "the helper module umm_alloc did not build against /lib/modules/$kver/build" \
		>"$root/etc/umm_alloc.why"
fi

cat >"$root/init" <<'INIT'
#!/bin/busybox sh
# /init of './umm compare' (tools/umm/guest/mkinitramfs.sh): set the
# guest up as the comparison needs it, then hand it to the agent.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing
for m in $(cat /etc/modules); do
	insmod "/lib/modules/$m" || echo "umm: insmod $m failed" >/dev/kmsg
done
# 5.9's proactive compaction off (4.8 has none); no transparent huge pages.
echo 0 >/proc/sys/vm/compaction_proactiveness
echo never >/sys/kernel/mm/transparent_hugepage/enabled
# Count migrations by page kind: kprobe events on the driver callbacks.
t=/sys/kernel/tracing
for f in zs_page_migrate balloon_page_migrate zs_page_isolate \
	 balloon_page_isolate isolate_movable_page; do
	grep -q " $f\$\| $f	" /proc/kallsyms &&
		echo "p:$f $f" >>$t/kprobe_events 2>/dev/null
done
# Their hits are counted before the filter runs: a filter that takes no
# record keeps the ring buffer for the events a script turns on.
if [ -d $t/events/kprobes ]; then
	echo 'common_pid < 0' >$t/events/kprobes/filter
	echo 1 >$t/events/kprobes/enable
fi
# --lock: the agent's program is in this tmpfs, which swaps; a script's
# pressure must not swap it out (main.c).
exec /bin/umm-agent --lock /dev/ttyS1
INIT
chmod 755 "$root/init"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -6) \
	>"$out/initramfs.cpio.gz" || die "cpio failed"
echo "kernel $kernel"
echo "initrd $out/initramfs.cpio.gz"
