#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/check-paths.sh passes the tree as committed (test 1): every
# repository path that a comment or a document names exists.  The other
# tests run it on files made here, each naming paths as a stale comment
# would, and check that it fails on those and only those.
#
#   test_check_paths.sh [BUILD_DIR]
#
# Prints kselftest's TAP lines and totals.
set -u

check=scripts/check-paths.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../ktap.sh"

# ok NAME STATUS: report one test.
# On a failure, the output the test checked.
ktap_detail() {
	cat "$tmp/out"
}

# run FILE: check FILE (made from stdin) alone; $status is the result.
run() {
	cat >"$tmp/$1"
	bash "$check" "$tmp/$1" >"$tmp/out" 2>&1
	status=$?
}

# expect_fail TEXT...: the check failed, and said each TEXT.
expect_fail() {
	local t

	[ "$status" = 1 ] || return 1
	for t in "$@"; do
		grep -qF -- "$t" "$tmp/out" || return 1
	done
}

echo "TAP version 13"
echo "1..8"

bash "$check" >"$tmp/out" 2>&1
ok "every path the tree's comments and documents name exists" $?

run stale.c <<'C'
/*
 * The pages are freed by mm/page_alloc.c, and jiffies come from
 * kernel/time/jiffies.c.
 */
static const char *where = "mm/no_such_file.c";
C
expect_fail "stale.c:3: kernel/time/jiffies.c" &&
	! grep -q "page_alloc\|no_such_file" "$tmp/out"
ok "a C comment naming a missing file fails; code and real files do not" $?

run linux.h <<'C'
/* As Linux's kernel/time/jiffies.c does, and as 4.8's fs/block_dev.c. */
/* In Linux's <linux/mod_devicetable.h>. */
C
[ "$status" = 0 ]
ok "a path written after Linux's or 4.8's is Linux's, not checked" $?

run doc.rst <<'RST'
See Documentation/umm/cpus.rst and tools/testing/umm/test_*.c, the
report under tools/umm/, Documentation/umm/no_such.rst, and
mm/{compaction,no_such}.c.
RST
expect_fail "doc.rst:2: Documentation/umm/no_such.rst" \
	"doc.rst:3: mm/{compaction,no_such}.c" &&
	[ "$(grep -c "^$tmp/" "$tmp/out")" = 2 ]
ok "a document's missing file fails; globs match, a brace list is all checked" $?

run inc.h <<'C'
/* The page lock is in <linux/pagemap.h>; zones in linux/no_such.h. */
C
expect_fail "inc.h:1: linux/no_such.h" && ! grep -q pagemap "$tmp/out"
ok "an include path in a comment must be a header of include/ or asm/" $?

run urls.c <<'C'
/*
 * https://example.org/mm/no_such.c, /proc/sys/vm/compact_memory,
 * /sys/kernel/debug/tracing and $(OBJ)/init/scenarios.c are no paths
 * of the repository.
 */
C
[ "$status" = 0 ]
ok "URLs, absolute paths and build paths are not checked" $?

# Composed here, so that this file's own comments name no missing path.
nope=no_such
run stale.sh <<SH
#!/bin/bash
# Runs scripts/$nope.sh, then scripts/run-tests.sh.
cat tools/${nope}_dir/a # from tools/${nope}_dir/b; tools/fuzz/corpus/TARGET/
echo "scripts/also_$nope.sh is in a string, not a comment"
SH
expect_fail "stale.sh:2: scripts/no_such.sh" \
	"stale.sh:3: tools/no_such_dir/b" &&
	[ "$(grep -c "^$tmp/" "$tmp/out")" = 2 ]
ok "a shell comment's missing file fails; code and placeholders do not" $?

run names.md <<'MD'
ok   scripts/zram_write_past_the_end.umm
ok   scripts/no_such_script.umm
[Documentation/umm/design.rst](Documentation/umm/design.rst), [mm/nope.c]
MD
expect_fail "names.md:2: scripts/no_such_script.umm" "names.md:3: mm/nope.c" &&
	[ "$(grep -c "^$tmp/" "$tmp/out")" = 2 ]
ok "scripts/NAME.umm is a console script; a markdown link is a path" $?

ktap_totals
[ "$fail" = 0 ]
