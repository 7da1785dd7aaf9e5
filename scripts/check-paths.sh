#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every repository path named in a comment or a document must exist.
#
#   check-paths.sh [FILE...]       (default: every file git tracks)
#
# Prints "FILE:LINE: PATH" for each path that names nothing, and exits 1
# if there is one.  The rule:
#
# Where:
#   - documents (*.rst, *.md, *.txt, MAINTAINERS): all of their text;
#   - C (*.c, *.h, *.cocci): comments only;
#   - everything else (shell, Makefiles, console scripts, .ci/run, ...):
#     '#' comments only.
#   Not: tools/fuzz/corpus/ (fuzzer inputs are data) and binary files.
#
# What is a path:
#   - a word that starts with one of the repository's top-level
#     directories and a slash (mm/, include/, tools/, Documentation/,
#     scripts/, .ci/...), not itself inside a longer path or a URL:
#     /proc/sys/vm and https://... are not checked;
#   - an include path, linux/NAME.h, asm/NAME.h, uapi/linux/NAME.h or
#     trace/events/NAME.h, found under include/, include/uapi/ or
#     arch/user/include/.
#
# When it exists:
#   - it is a file git tracks or a directory that holds one;
#   - a glob (*, ?, [...]) or a brace list ({a,b}) must match something
#     for each alternative; an all-capitals component (TARGET, NAME, RUN)
#     is a placeholder and matches anything;
#   - scripts/NAME.umm is how make check names the console script
#     tools/testing/selftests/vm/scripts/NAME.umm, and is found there.
#
# Paths in Linux's tree: a path right after "Linux's" or a kernel
# version's possessive ("4.8's", "6.1's") names the kernel's file, not
# ours, and is not checked:
#   /* As Linux's arch/um/Makefile does ... */
#   /* What 4.8's fs/block_dev.c does ... */
set -u
export LC_ALL=C

if [ $# = 0 ]; then
	mapfile -t files < <(git ls-files)
else
	files=("$@")
fi

read -r -d '' prog <<'PERL'
use strict;
use warnings;

my @tracked = map { chomp; $_ } <STDIN>;
my %tracked = map { $_ => 1 } @tracked;
my %dirs;
my %top;
for my $f (@tracked) {
	my $d = $f;
	$dirs{$d} = 1 while $d =~ s{/[^/]*$}{};
	$top{$1} = 1 if $f =~ m{^([^/]+)/};
}
my $top = join "|", map { quotemeta } sort keys %top;
my $bad = 0;

# The text of @f that is checked; the rest blanked, lines kept.
sub checked_text {
	my ($f, $text) = @_;
	my $out = "";

	return $text if $f =~ /\.(rst|md|txt)$/ || $f =~ m{(^|/)MAINTAINERS$};
	if ($f =~ /\.(c|h|cocci)$/) {
		while ($text =~ m{\G(/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|.)}gs) {
			my $t = $1;
			if ($t !~ m{^/[*/]}) {
				$t =~ s/[^\n]/ /g;
			}
			$out .= $t;
		}
		return $out;
	}
	for my $l (split /(?<=\n)/, $text) {
		if ($l =~ /^(|.*?\s)(#.*)$/s) {
			my ($code, $comment) = ($1, $2);
			$code =~ s/[^\n]/ /g;
			$out .= $code . $comment;
		} else {
			$l =~ s/[^\n]/ /g;
			$out .= $l;
		}
	}
	return $out;
}

sub glob_matches {
	my ($p) = @_;
	my $re = "";
	for my $c (split //, $p) {
		if ($c eq "*") {
			$re .= "[^/]*";
		} elsif ($c eq "?") {
			$re .= "[^/]";
		} elsif ($c eq "[" || $c eq "]") {
			$re .= $c;
		} else {
			$re .= quotemeta $c;
		}
	}
	return scalar grep { m{^$re(/|$)} } @tracked;
}

sub one_exists {
	my ($p) = @_;
	$p =~ s{/+$}{};
	# An all-capitals component is a placeholder.
	$p =~ s{(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]+(?![A-Za-z0-9_])}{*}g;
	return glob_matches($p) if $p =~ /[*?\[]/;
	return $tracked{$p} || $dirs{$p};
}

sub path_exists {
	my ($p) = @_;
	my @alts = ($p);
	while (grep { /\{[^{}]*\}/ } @alts) {
		@alts = map {
			/^(.*?)\{([^{}]*)\}(.*)$/s ?
				do { my ($x, $m, $y) = ($1, $2, $3);
				     map { "$x$_$y" } split /,/, $m, -1 } : $_
		} @alts;
	}
	for my $a (@alts) {
		return 0 unless one_exists($a) ||
			($a =~ m{^scripts/[^/]+\.umm$} &&
			 one_exists("tools/testing/selftests/vm/$a"));
	}
	return 1;
}

sub include_exists {
	my ($p) = @_;
	return scalar grep { one_exists("$_/$p") }
		qw(include include/uapi arch/user/include);
}

# Named as a path of Linux, right after "Linux's" or "4.8's"?
sub linux_s {
	my ($before) = @_;
	$before =~ s{[\s*#/<`(]*$}{};
	return $before =~ /(?:\bLinux|\b\d+\.\d+)'s$/;
}

sub report {
	my ($f, $c, $pos, $p) = @_;
	my $line = 1 + (substr($c, 0, $pos) =~ tr/\n//);
	print "$f:$line: $p\n";
	$bad++;
}

for my $f (@ARGV) {
	next if $f =~ m{^tools/fuzz/corpus/};
	open(my $fh, "<", $f) or next;
	local $/;
	my $text = <$fh>;
	close $fh;
	next if !defined $text || $text =~ /\0/;
	my $c = checked_text($f, $text);

	while ($c =~ m{(?<![A-Za-z0-9_.~\$/:-])((?:$top)/[A-Za-z0-9_.*?\[\]{},/+-]*)}g) {
		my ($p, $pos) = ($1, $-[1]);
		$p =~ s/,[^{}]*$// unless $p =~ /\{/;
		$p =~ s/[.,:]+$//;
		# A closing bracket without its opening one ends a link.
		chop $p while $p =~ /\]$/ && ($p =~ tr/[//) < ($p =~ tr/]//);
		next if linux_s(substr($c, 0, $pos)) || path_exists($p);
		report($f, $c, $pos, $p);
	}
	while ($c =~ m{(?<![A-Za-z0-9_.~\$/-])((?:linux|asm|uapi/linux|trace/events)/[A-Za-z0-9_/-]+\.h)}g) {
		my ($p, $pos) = ($1, $-[1]);
		next if linux_s(substr($c, 0, $pos)) || include_exists($p);
		report($f, $c, $pos, $p);
	}
}
if ($bad) {
	print "check-paths: $bad path(s) name nothing in the repository;" .
	      " a path in Linux's tree is written after \"Linux's\"" .
	      " (see scripts/check-paths.sh)\n";
}
exit($bad ? 1 : 0);
PERL
git ls-files | perl -e "$prog" -- "${files[@]}"
