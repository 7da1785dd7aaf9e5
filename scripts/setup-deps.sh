#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what umm needs from Debian's packages, if it is missing.
set -e

# libedit-dev is the shell's line editor (BSD-licensed: GNU readline's
# GPL-3.0 cannot be combined with umm's GPL-2.0); tmux drives the shell in
# a real terminal in tools/testing/selftests/vm/test_console_tty.sh;
# chromium opens the scenario report headless in
# tools/testing/selftests/vm/test_report_browser.sh.
# clang and libclang-rt-14-dev (libFuzzer, the sanitizers' runtimes) and
# llvm-14 (llvm-symbolizer, for stacks with names) are for make fuzz.
# The rest is for './umm compare' (compare.rst in Documentation/umm/): Debian's
# own kernel under QEMU, its headers for our helper module, and busybox,
# cpio and kmod for the guest's initramfs.
PKGS="make gcc libc6-dev liblz4-dev libzstd-dev liblzo2-dev libedit-dev tmux
      chromium
      sparse coccinelle
      linux-source-6.1 libxml2-utils xz-utils python3
      clang libclang-rt-14-dev llvm-14
      qemu-system-x86 linux-image-amd64 linux-headers-amd64 busybox-static
      cpio kmod"

missing=
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "setup: installing$missing"
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null; then
		SUDO=sudo
	else
		echo "setup: these Debian packages are missing and I am not root:$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
