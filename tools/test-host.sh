#!/bin/sh
# test-host.sh: run Kyua's test tree (obj/usr/tests, /usr/tests in the
# guest) on the Linux host under the host's kyua: Linux defines the
# semantics Umbra promises, so every case passes here, or skips itself
# (atf_tc_skip) when it exercises an interface only Umbra has.
#
# Usage: tools/test-host.sh TESTSTREE RESFILE
#
# Appends one line per test case to RESFILE (tools/results.sh format):
# pass host:CLASS:CASE, or fail with the case's junit block as output
# (tools/junit-results.sh); and host:timeout, Kyua's handling of a case
# that outlives its timeout (TESTSTREE/harness, tools/kyua-timeout.sh).  The results database, Kyua's log and the
# reports are in RESFILE's directory, under test-host.d/.
# Exit status: 0 when Kyua ran (the verdicts are in RESFILE), 1 when it
# could not run at all.
set -eu

[ $# -eq 2 ] || {
	echo "usage: $0 TESTSTREE RESFILE" >&2
	exit 2
}
tree=$(cd "$1" && pwd)
resfile=$2
tools=$(cd "$(dirname -- "$0")" && pwd)
outdir=$(dirname -- "$resfile")/test-host.d
rm -rf "$outdir"
mkdir -p "$outdir"
db=$outdir/results.db

# kyua exits 1 when a case fails; the report carries the verdicts.
kyua test --kyuafile "$tree/Kyuafile" --build-root "$tree" \
    --results-file "$db" >"$outdir/kyua-test.log" 2>&1 || :
if [ ! -s "$db" ]; then
	cat "$outdir/kyua-test.log" >&2
	echo "test-host: kyua did not run" >&2
	exit 1
fi
kyua report --results-file "$db" --verbose >"$outdir/report.txt" 2>&1 || :
kyua report-junit --results-file "$db" >"$outdir/report.xml" 2>&1 || :
"$tools/junit-results.sh" host "$outdir" <"$outdir/report.xml" >>"$resfile"

# Kyua's timeout (tests/harness, outside the suite): host:timeout.
hdb=$outdir/harness.db
kyua test --kyuafile "$tree/harness/Kyuafile" --build-root "$tree/harness" \
    --results-file "$hdb" >"$outdir/harness.log" 2>&1 || :
kyua report --results-file "$hdb" --results-filter=passed,broken,failed \
    >"$outdir/harness-report.txt" 2>&1 || :
"$tools/kyua-timeout.sh" host:timeout "$outdir/harness-report.txt" \
    "$outdir/timeout.out" >>"$resfile"
