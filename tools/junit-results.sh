#!/bin/sh
# junit-results.sh: turn Kyua's junit report into results lines.
#
# Usage: tools/junit-results.sh PREFIX OUTDIR <report.xml >>RESFILE
#
# One line per test case (format: tools/results.sh), named
# PREFIX:CLASS:CASE, CLASS being the program's path with dots for
# slashes, as Kyua writes it.  A passed, skipped or expected-failure case
# is `pass`; a failed or broken one is `fail`, with its junit block (its
# stdout, stderr and Kyua's notes) written to OUTDIR/CLASS.CASE.out.
set -eu

[ $# -eq 2 ] || {
	echo "usage: $0 PREFIX OUTDIR <report.xml" >&2
	exit 2
}
mkdir -p "$2"
awk -v prefix="$1" -v dir="$2" '
function flush() {
	if (name == "")
		return
	if (bad) {
		out = dir "/" cls "." name ".out"
		printf "%s", block > out
		close(out)
		printf "fail\t%s:%s:%s\t%s\n", prefix, cls, name, out
	} else
		printf "pass\t%s:%s:%s\n", prefix, cls, name
	name = ""
}
/<testcase / {
	flush()
	cls = $0; sub(/.*classname="/, "", cls); sub(/".*/, "", cls)
	name = $0; sub(/.* name="/, "", name); sub(/".*/, "", name)
	bad = 0
	block = ""
}
name != "" {
	block = block $0 "\n"
	if ($0 ~ /<failure|<error/)
		bad = 1
	if ($0 ~ /<\/testcase>/)
		flush()
}
END { flush() }
'
