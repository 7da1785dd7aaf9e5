#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0
#
# Read a trace that 'umm scenario ... --trace FILE' saved with the parser
# Linux ships for such text: the line regex and generate_traceevent_regex()
# of Linux's Documentation/trace/postprocess/trace-vmscan-postprocess.pl, taken
# from Debian's linux-source-6.1 at run time (never copied here).  That
# function builds an event's regex from its format file's print fmt, so
# this also checks our format files against our lines.
#
#	trace_linux_parser.pl SCRIPT EVENTS_DIR TRACE
#
# EVENTS_DIR holds SYSTEM/EVENT/format as umm prints them.  Prints one
# line per problem and "parsed N lines, M checked against their format";
# exit status 1 on any problem.
use strict;
use warnings;

my ($script, $events, $trace) = @ARGV;
open(my $s, '<', $script) or die "cannot read $script: $!\n";
my $text = do { local $/; <$s> };
close($s);

# Linux's two pieces, as they are in the script.
$text =~ /^(my \$regex_traceevent = .*?;)$/m or die "no line regex in $script\n";
my $line_re = $1;
$text =~ /^(sub generate_traceevent_regex \{.*?^\})$/ms
	or die "no generate_traceevent_regex in $script\n";
my $sub = $1;
$sub =~ s{/sys/kernel/debug/tracing/events/}{$events/}g;
our $regex_traceevent;
$line_re =~ s/^my //;
eval "$line_re; $sub; 1" or die "Linux's parser did not load: $@\n";

# The events whose print fmt uses only the conversions the function
# knows (%s %d %lu...), with their fields in print order, as the
# script's callers name them.
my %fields = (
	'compaction/mm_compaction_migratepages' => [ 'nr_migrated', 'nr_failed' ],
	'compaction/mm_compaction_kcompactd_sleep' => [ 'nid' ],
	'compaction/mm_compaction_try_to_compact_pages' => [ 'order', 'gfp_mask', 'priority' ],
	'migrate/mm_migrate_pages' => [ 'nr_succeeded', 'nr_failed', 'mode', 'reason' ],
);
my %detail_re;
for my $ev (keys %fields) {
	my $re = generate_traceevent_regex($ev, undef, @{$fields{$ev}});
	die "no regex for $ev\n" unless defined $re;
	(my $name = $ev) =~ s{.*/}{};
	$detail_re{$name} = $re;
}

my ($lines, $checked, $bad) = (0, 0, 0);
open(my $t, '<', $trace) or die "cannot read $trace: $!\n";
while (my $l = <$t>) {
	chomp $l;
	if ($l !~ /$regex_traceevent/) {
		print "line not parsed: $l\n";
		$bad++;
		next;
	}
	$lines++;
	my ($event, $details) = ($5, $6);
	next unless exists $detail_re{$event};
	if ($details !~ /^$detail_re{$event}$/) {
		print "$event: details not as its format says: '$details' !~ $detail_re{$event}\n";
		$bad++;
	}
	$checked++;
}
close($t);
print "parsed $lines lines, $checked checked against their format\n";
exit($bad ? 1 : 0);
