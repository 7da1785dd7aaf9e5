#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The smoke comparison with the real kernel: a 256 MiB scenario (fill,
# free every other page, compact, verify;
# tools/testing/selftests/vm/compare/smoke.umm) run by
# `umm scenario ... --kernel` in umm and in Debian's Linux under QEMU,
# with an empty cache so that QEMU really runs.  It checks
#
#  1. both columns, status 0: verify found 0 mismatches on both sides
#     (a mismatch fails the command, and the run);
#  2. the report: a record per side, the Linux one naming its release,
#     report.json's "kernel" of each run;
#  3. umm's free 2 MiB blocks rise after compaction; Linux's do not fall.
#     (Linux 6.1 under QEMU is bimodal here: some runs migrate ~12k
#     pages, others a few dozen; see Documentation/umm/compare.rst.)
#
# QEMU and the kernel come from `make setup` (scripts/setup-deps.sh);
# without them this fails, saying which is missing: it does not skip.
#
#   test_compare_linux.sh BUILD_DIR
set -u

umm=${UMM:-./umm}
scenario=tools/testing/selftests/vm/compare/smoke.umm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../ktap.sh"

# On a failure, the end of what umm said on stderr.
ktap_detail() {
	[ -f "$tmp/err" ] && tail -n 5 "$tmp/err"
}

echo "TAP version 13"
missing=
command -v "${UMM_QEMU:-qemu-system-x86_64}" >/dev/null ||
	missing="qemu-system-x86_64 (Debian: qemu-system-x86)"
ls /boot/vmlinuz-* >/dev/null 2>&1 || missing="$missing /boot/vmlinuz-* (Debian: linux-image-amd64)"
if [ -n "$missing" ]; then
	echo "# missing: $missing; run 'make setup'"
	ok "QEMU and a kernel to compare with" 1
	ktap_totals
	exit 1
fi

# 1. Both sides, from an empty cache.
XDG_CACHE_HOME=$tmp/cache timeout 900 "$umm" scenario "$scenario" --kernel \
	--report "$tmp/rep" >"$tmp/out" 2>"$tmp/err"
status=$?
ok "status 0: verify found 0 mismatches on both sides (status $status)" $status
head=$(grep -m1 '^  *umm  *Linux ' "$tmp/out")
[ -n "$head" ]
ok "the table has a umm and a Linux column" $?
grep -q '^a: 24576 pages checked, 0 mismatches' "$tmp/out"
ok "umm's verify: 0 mismatches" $?

# 2. The report.
ls "$tmp"/rep/record-linux-*.txt >/dev/null 2>&1 &&
	grep -q "^# linux $(uname -r)\$\|^# linux [0-9]" "$tmp"/rep/record-linux-*.txt
ok "the Linux run's record names its release" $?
python3 - "$tmp/rep/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
kernels = [run['kernel'] for run in r['runs']]
assert kernels[0] == 'umm' and kernels[1][0].isdigit(), kernels
for run in r['runs']:
    assert run['ended'] and run['exit_status'] == 0, run['label']
PY
ok "report.json: a umm run and a Linux run, both ended well" $?

# 3. Free 2 MiB blocks (order >= 9, in 2 MiB units) before -> after.
python3 - "$tmp/rep/report.json" >"$tmp/blocks" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for run in r['runs']:
    s = {x['label']: x for x in run['samples']}
    def units(lab):
        return sum(n << (o - 9) for o, n in enumerate(s[lab]['nr_free']) if o >= 9)
    print(run['kernel'], units('before'), units('after'))
PY
ok "free 2 MiB blocks read on both sides" $?
sed 's/^/# 2 MiB blocks before, after: /' "$tmp/blocks"
awk '$1 == "umm" { exit !($3 > $2) }' "$tmp/blocks"
ok "umm: more free 2 MiB blocks after compaction" $?
awk '$1 != "umm" { exit !($3 >= $2) }' "$tmp/blocks"
ok "Linux: no fewer free 2 MiB blocks after compaction" $?
echo "1..$n"
ktap_totals
[ "$fail" = 0 ]
