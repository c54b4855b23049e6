#!/bin/sh
# kyua-timeout.sh: judge Kyua's run of tests/harness/timeout_test from its
# verbose report: the case that sleeps for ever must be "broken: Test
# case body timed out" after about its 5 s timeout (between 4.5 and 60 s:
# TCG is slow, but Kyua must not wait for ever), and the case after it
# must have run and passed.
#
# Usage: tools/kyua-timeout.sh NAME REPORT OUTFILE >>RESFILE
#
# Prints one result line (tools/results.sh format) named NAME; on a
# failure OUTFILE gets what was expected and the report.
set -eu

[ $# -eq 3 ] || {
	echo "usage: $0 NAME REPORT OUTFILE" >&2
	exit 2
}
name=$1
report=$2
out=$3

why=
if [ ! -s "$report" ]; then
	why="no report"
else
	t=$(sed -n 's/^timeout_test:sleeps_forever  *->  *broken: Test case body timed out  *\[\([0-9.]*\)s\]$/\1/p' "$report")
	if [ -z "$t" ]; then
		why="sleeps_forever was not reported broken (timed out)"
	elif ! awk -v t="$t" 'BEGIN { exit !(t >= 4.5 && t <= 60) }'; then
		why="sleeps_forever was killed after ${t} s, not about 5 s"
	elif ! grep -Eq '^timeout_test:runs_after +-> +passed' "$report"; then
		why="the case after it did not run and pass"
	fi
fi
if [ -z "$why" ]; then
	printf 'pass\t%s\n' "$name"
else
	{
		echo "$name: $why"
		echo "-- the report ($report):"
		cat "$report" 2>/dev/null || :
	} >"$out"
	printf 'fail\t%s\t%s\n' "$name" "$out"
fi
