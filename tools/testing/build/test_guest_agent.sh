#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest agent of './umm compare' (tools/umm/guest/), run on this host
# with --stdio instead of the guest's serial port: no QEMU here.
#
#  1. the protocol: "@@ READY RELEASE" first, "@@ END 0|1" after each
#     command, an output line that starts with "@@" sent with a space in
#     front, "@@ QUIT" ending the agent and its tasks;
#  2. the same text as umm's console for the same script
#     (tools/testing/selftests/vm/guest/same_as_umm.txt: tasks, fill,
#     touch, madvise, verify, spawn, the usage errors), pids aside;
#  3. a verb with no faithful equivalent fails with "not available on
#     Linux RELEASE: why" (alloc without the helper module, snapshot);
#     --lock locks the agent's pages (skipped, saying so, where mlockall
#     is not permitted);
#  4. mkinitramfs.sh refuses a kernel that is not installed and a build
#     directory inside the tree, each with one line on stderr; where a
#     kernel is installed, it builds an initramfs with what /init needs,
#     the modules in dependency order, and nothing in the tree (skipped
#     without one); its kprobe events filter out every record; the
#     agent's objects left by another tree's build are rebuilt.
#
#   test_guest_agent.sh BUILD_DIR
#
# Prints kselftest's TAP lines and totals.
set -u

obj=${1:?usage: test_guest_agent.sh BUILD_DIR}
agent=$obj/guest/umm-agent
umm=${UMM:-./umm}
script=tools/testing/selftests/vm/guest/same_as_umm.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../ktap.sh"

# On a failure, the output the test checked.
ktap_detail() {
	cat "$tmp/out"
}

# run SCRIPT: the agent's whole answer to SCRIPT, in $tmp/answer.
run() {
	timeout 60 "$agent" --stdio --seed 3 <"$1" >"$tmp/answer" 2>"$tmp/err"
}

# 1. The protocol.
printf 'echo "@@ not a marker"\necho one\nfrobnicate\n' >"$tmp/s"
printf 'task start t\n@@ QUIT\necho never\n' >>"$tmp/s"
run "$tmp/s"
status=$?
{
	echo "@@ READY $(uname -r)"
	echo " @@ not a marker"
	echo "@@ END 0"
	echo "one"
	echo "@@ END 0"
	echo "umm: frobnicate: command not found (try 'help')"
	echo "@@ END 1"
	echo "t: started, pid N"
	echo "@@ END 0"
} >"$tmp/want"
sed 's/pid [0-9]*/pid N/' "$tmp/answer" >"$tmp/got"
{ diff "$tmp/want" "$tmp/got"; echo "exit status $status"; } >"$tmp/out"
diff -q "$tmp/want" "$tmp/got" >/dev/null && [ $status = 0 ]
ok "protocol: READY, END, @@ escaped, QUIT" $?

# 2. The same text as umm's console, pids aside.
run "$script"
grep -v '^@@ ' "$tmp/answer" | sed 's/pid [0-9]*/pid N/' >"$tmp/got"
"$umm" umm.seed=3 shell <"$script" 2>&1 | sed 's/pid [0-9]*/pid N/' >"$tmp/want"
diff "$tmp/want" "$tmp/got" >"$tmp/out"
ok "same output as umm for $(basename "$script")" $?

# The statuses: one END per command, 1 where umm's console failed.
ends=$(grep -c '^@@ END' "$tmp/answer")
cmds=$(grep -c . "$script")
errs=$(grep -c '^@@ END 1' "$tmp/answer")
uerrs=$(grep -c '^umm: ' "$tmp/want")
echo "$ends END for $cmds commands, $errs failed, umm: $uerrs errors" >"$tmp/out"
[ "$ends" = "$cmds" ] && [ "$errs" = "$uerrs" ]
ok "one END per command, status 1 for each error" $?

# 3. Not available on Linux, with why.
printf 'snapshot x\nballoon 100M\n' >"$tmp/s"
[ -e /sys/kernel/debug/umm_alloc/ctl ] || printf 'alloc s 0 1\nfree s\nsets\n' >>"$tmp/s"
run "$tmp/s"
cp "$tmp/answer" "$tmp/out"
want=$(grep -c . "$tmp/s")
[ "$(grep -c "^umm: [a-z]*: not available on Linux $(uname -r): ." "$tmp/answer")" = "$want" ] &&
	[ "$(grep -c '^@@ END 1$' "$tmp/answer")" = "$want" ]
ok "not available on Linux RELEASE: why" $?

# --lock: the agent's own pages are locked (VmLck in its status), so that
# a script's pressure cannot swap its program out of the guest's tmpfs.
printf 'cat /proc/self/status\n' >"$tmp/s"
timeout 60 "$agent" --stdio --lock --seed 3 <"$tmp/s" >"$tmp/answer" 2>"$tmp/err"
status=$?
{ cat "$tmp/err"; grep '^VmLck:' "$tmp/answer"; echo "exit status $status"; } >"$tmp/out"
if grep -q '^umm-agent: mlockall: Operation not permitted' "$tmp/err"; then
	n=$((n + 1))
	skip=$((skip + 1))
	echo "ok $n # SKIP --lock: mlockall is not permitted here (no CAP_IPC_LOCK)"
else
	[ $status = 0 ] && [ ! -s "$tmp/err" ] &&
		awk '/^VmLck:/ { exit !($2 > 0) }' "$tmp/answer" &&
		grep -q '^VmLck:' "$tmp/answer"
	ok "--lock: the agent's pages are locked in memory" $?
fi

# 4. mkinitramfs.sh: one clear line, nothing built.
mk=tools/umm/guest/mkinitramfs.sh
bash $mk "$tmp/initrd" 0.0-no-such-kernel >"$tmp/stdout" 2>"$tmp/out"
status=$?
[ $status != 0 ] && [ ! -s "$tmp/stdout" ] && [ "$(wc -l <"$tmp/out")" = 1 ] &&
	grep -q '^mkinitramfs.sh: no kernel 0.0-no-such-kernel: ' "$tmp/out"
ok "mkinitramfs.sh: a kernel that is not installed" $?

bash $mk "$obj/initrd-in-tree" 0.0-no-such-kernel >"$tmp/stdout" 2>"$tmp/out"
status=$?
[ $status != 0 ] && [ "$(wc -l <"$tmp/out")" = 1 ] &&
	grep -q 'inside the source tree' "$tmp/out" && [ ! -e "$obj/initrd-in-tree" ]
ok "mkinitramfs.sh: a build directory inside the tree" $?

# A real build, where Debian's kernel is installed.
kver=
for v in $(ls /lib/modules 2>/dev/null | sort -rV); do
	[ -f "/boot/vmlinuz-$v" ] && { kver=$v; break; }
done
if [ -z "$kver" ] || ! command -v busybox cpio >/dev/null; then
	n=$((n + 1))
	skip=$((skip + 3))
	echo "ok $n # SKIP mkinitramfs.sh: no kernel with /boot/vmlinuz-VER and /lib/modules/VER"
	n=$((n + 1))
	echo "ok $n # SKIP mkinitramfs.sh: the kprobe events' filter (no kernel)"
	n=$((n + 1))
	echo "ok $n # SKIP mkinitramfs.sh: another tree's objects (no kernel)"
else
	before=$(git status --porcelain 2>/dev/null)
	bash $mk "$tmp/initrd" >"$tmp/stdout" 2>"$tmp/out"
	status=$?
	printf 'kernel /boot/vmlinuz-%s\ninitrd %s\n' "$kver" \
		"$tmp/initrd/initramfs.cpio.gz" >"$tmp/want"
	{
		diff "$tmp/want" "$tmp/stdout" &&
		zcat "$tmp/initrd/initramfs.cpio.gz" | cpio -it --quiet >"$tmp/list" &&
		grep -qx init "$tmp/list" && grep -qx bin/umm-agent "$tmp/list" &&
		grep -qx bin/busybox "$tmp/list" &&
		grep -q 'exec /bin/umm-agent --lock /dev/ttyS1' "$tmp/initrd/root/init" &&
		file "$tmp/initrd/root/bin/umm-agent" | grep -q 'statically linked' &&
		[ "$(git status --porcelain 2>/dev/null)" = "$before" ]
	} >>"$tmp/out" 2>&1
	ok=$?
	# Each module after what it needs.
	order=$(tr '\n' ' ' <"$tmp/initrd/root/etc/modules" 2>/dev/null)
	echo "modules: $order" >>"$tmp/out"
	case "$order" in
	*zsmalloc.ko*zram.ko*lz4_compress.ko*lz4.ko*virtio_pci.ko*virtio_balloon.ko*) ;;
	*) ok=1 ;;
	esac
	[ $status = 0 ] && [ $ok = 0 ]
	ok "mkinitramfs.sh: an initramfs for $kver" $?

	# The kprobe events count hits but record nothing: their filter
	# takes no record, and it is set before they are enabled, so a
	# script's own events have the ring buffer to themselves.
	awk '/events\/kprobes\/filter/ && /common_pid < 0/ { f = NR }
	     /events\/kprobes\/enable/ { e = NR }
	     END { exit !(f && e && f < e) }' "$tmp/initrd/root/init"
	ok "mkinitramfs.sh: the kprobe events leave the ring buffer alone" $?

	# The agent's objects as another clone of the tree left them in a
	# shared cache: their dependency files name sources that are gone.
	# They are rebuilt, not reused.
	echo /nonexistent/umm >"$tmp/initrd/agent/.source"
	printf '%s: %s\n' "$tmp/initrd/agent/obj/main.o" \
		/nonexistent/umm/tools/umm/guest/main.c \
		>"$tmp/initrd/agent/obj/main.d"
	bash $mk "$tmp/initrd" >"$tmp/stdout" 2>"$tmp/out"
	status=$?
	[ $status = 0 ] && [ ! -s "$tmp/out" ] &&
		[ "$(cat "$tmp/initrd/agent/.source")" = "$(pwd)" ] &&
		[ -x "$tmp/initrd/root/bin/umm-agent" ]
	ok "mkinitramfs.sh: objects of another tree's build are not reused" $?
fi

ktap_totals
[ $fail = 0 ]
