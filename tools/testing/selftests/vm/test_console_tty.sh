#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The shell on a real terminal, as a person types at it: tmux runs
# `umm shell` in a pseudo-terminal, send-keys types (Up, Tab, Ctrl-C,
# Ctrl-D as the terminal sends them) and capture-pane reads the screen.
# Line editing, history, completion and Ctrl-C exist only on a terminal
# (init/console_shell.c); piped input is tested by test_console.
#
#   test_console_tty.sh [UMM]	(default: $UMM, as scripts/run-tests.sh sets it)
#
# Prints kselftest's TAP lines and totals.
set -u

umm=$(readlink -f "${1:-${UMM:?usage: test_console_tty.sh UMM}}")
tmp=$(mktemp -d)
sock=$tmp/tmux.sock
home=$tmp/home
mkdir -p "$home"
. "$(dirname "$0")/../../ktap.sh"
# The sanitizers slow the kernel down; the waits are the longest allowed.
case "$umm" in */asan/* | */tsan/*) limit=90 ;; *) limit=30 ;; esac

tm() {
	tmux -S "$sock" "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

# On a failure, the end of the screen.
ktap_detail() {
	screen | tail -n 25 | sed 's/^/| /'
}

# The whole screen and its scrollback, trailing blank lines left out.
screen() {
	tm capture-pane -p -S - 2>/dev/null | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# lines TEXT: how many lines of the screen are exactly TEXT.
lines() {
	screen | grep -cxF -- "$1"
}

# wait_for CMD...: until CMD succeeds (polled), at most $limit seconds.
wait_for() {
	local i

	for ((i = 0; i < limit * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

has() {
	screen | grep -qF -- "$1"
}

# wait_lines TEXT N: until N lines of the screen are exactly TEXT.
wait_lines() {
	local text=$1 want=$2

	# eval runs in wait_for, which sees these locals (bash's dynamic scope).
	wait_for eval '[ "$(lines "$text")" -ge "$want" ]'
}

# The last line of the screen, where the cursor's line is.
last_line() {
	screen | tail -n 1
}

# type TEXT: at the prompt, type it (literally: no key names), no Enter.
# Keys typed while a command runs would be echoed by the terminal before
# the editor reads them, so wait for the prompt as a person would.
type_text() {
	wait_for eval '[ "$(last_line)" = "umm#" ]'
	tm send-keys -l -- "$1"
}

echo "TAP version 13"
echo "1..9"

if ! command -v tmux >/dev/null; then
	echo "# tmux is missing: run 'make setup' (Debian's tmux package)"
	fail=1
	ktap_totals
	exit 1
fi

# The pane stays after umm exits, so that its last words can be read; the
# line after umm shows where its output left the cursor, and its status.
cat >"$tmp/tmux.conf" <<'EOF'
set -g remain-on-exit on
set -g history-limit 10000
EOF
tm -f "$tmp/tmux.conf" new-session -d -x 160 -y 50 \
	"cd '$tmp' && HOME='$home' '$umm' mem=1G shell; echo \"after-umm status=\$?\""

# capture-pane drops trailing spaces: the prompt reads "umm#".
wait_for eval '[ "$(last_line)" = "umm#" ]' &&
	has "umm: 1024 MiB of RAM" && has "'help' lists the commands"
ok "the banner shows the memory size and how to get help" $?

type_text "echo recall-me"
tm send-keys Enter
wait_lines "recall-me" 1
tm send-keys Up
tm send-keys Enter
wait_lines "recall-me" 2 && [ "$(lines "umm# echo recall-me")" = 2 ]
ok "Up recalls the previous command" $?

type_text "cat /proc/vm"
tm send-keys Tab
wait_for eval '[ "$(last_line)" = "umm# cat /proc/vmstat" ]'
status=$?
tm send-keys Enter
wait_for has "nr_free_pages " && [ $status = 0 ]
ok "Tab completes 'cat /proc/vm' to /proc/vmstat" $?

type_text "verif"
tm send-keys Tab
wait_for eval '[ "$(last_line)" = "umm# verify" ]'
status=$?
tm send-keys C-u Enter
ok "Tab completes a command's name" $status

type_text "echo dropped-line"
tm send-keys C-c
type_text "echo kept-line"
tm send-keys Enter
wait_lines "kept-line" 1 && [ "$(lines "dropped-line")" = 0 ]
ok "Ctrl-C at the prompt drops the line" $?

type_text "tasks"
tm send-keys Enter
wait_for has "no tasks"
ok "tasks says when there are none" $?

# About 1.5 s of work without sanitizers: Ctrl-C comes well before its end.
type_text "task start a; mmap a 900M"
tm send-keys Enter
wait_for has "a: mapped 921600 KiB"
type_text "fill a; echo not-reached"
tm send-keys Enter
sleep 0.3
tm send-keys C-c
wait_for has "umm: fill: interrupted"
status=$?
type_text "verify a"
tm send-keys Enter
wait_for has " 0 mismatches" && [ $status = 0 ] &&
	! has "filled" && [ "$(lines "not-reached")" = 0 ]
ok "Ctrl-C stops a long fill; the kernel goes on and the memory verifies" $?

type_text "sleep 600"
tm send-keys Enter
sleep 0.3
tm send-keys C-c
wait_for has "umm: sleep: interrupted" && wait_for eval '[ "$(last_line)" = "umm#" ]'
ok "Ctrl-C ends a sleep and the prompt comes back" $?

tm send-keys C-d
wait_for has "after-umm status="
[ "$(lines "after-umm status=0")" = 1 ] &&
	grep -qxF 'echo\040recall-me' "$home/.umm_history" &&
	grep -qxF 'verify\040a' "$home/.umm_history" &&
	! grep -qF 'dropped-line' "$home/.umm_history"
ok "Ctrl-D exits with status 0 after a newline; the history is saved" $?

ktap_totals
[ "$fail" = 0 ]
