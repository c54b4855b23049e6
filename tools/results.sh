#!/bin/sh
# results.sh: summarise Umbra test results files.
#
# Usage: tools/results.sh RESFILE...
#
# A results file has one line per test, TAB-separated:
#     pass<TAB>NAME
#     fail<TAB>NAME<TAB>FILE     FILE holds the failure's output (optional)
# (written by tools/ktest.sh, tools/harness-test.sh and the other runners).
#
# For every fail line, prints a header `FAIL NAME` and the contents of its
# output file, indented by four spaces (only the last RESULTS_MAXLINES lines,
# default 200, 0 = all; the file's path is shown when lines are cut).  Lines
# that are neither pass nor fail, and missing results files, count as
# failures.  The last line printed is always
#     N passed, M failed
# summed over all files.  Exit status: 1 if M > 0 or there were no results at
# all, else 0.
set -eu

[ $# -ge 1 ] || {
	echo "usage: $0 RESFILE..." >&2
	exit 2
}
MAX=${RESULTS_MAXLINES:-200}
case $MAX in '' | *[!0-9]*) MAX=200 ;; esac

npass=0
nfail=0
TAB=$(printf '\t')

show() { # show FILE: print its tail, indented
	if [ -z "$1" ]; then
		echo "    (no output recorded)"
	elif [ ! -f "$1" ]; then
		echo "    (output file $1 is missing)"
	else
		total=$(wc -l <"$1")
		if [ "$MAX" -gt 0 ] && [ "$total" -gt "$MAX" ]; then
			echo "    ... $((total - MAX)) earlier lines cut; whole output: $1"
			tail -n "$MAX" -- "$1" | tr -d '\r' | sed 's/^/    /'
		else
			tr -d '\r' <"$1" | sed 's/^/    /'
		fi
	fi
}

for f in "$@"; do
	if [ ! -f "$f" ]; then
		echo "FAIL results:$f"
		echo "    (results file is missing)"
		nfail=$((nfail + 1))
		continue
	fi
	while IFS=$TAB read -r verdict name out rest || [ -n "$verdict" ]; do
		case $verdict in
		pass)
			npass=$((npass + 1))
			;;
		fail)
			nfail=$((nfail + 1))
			echo "FAIL $name"
			show "$out"
			;;
		'')
			[ -z "$name" ] || {
				nfail=$((nfail + 1))
				echo "FAIL results:$f: malformed line"
			}
			;;
		*)
			nfail=$((nfail + 1))
			echo "FAIL results:$f: malformed line: $verdict $name"
			;;
		esac
	done <"$f"
done

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ] && [ "$npass" -gt 0 ]
