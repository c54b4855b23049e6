#!/bin/sh
# unit.sh BUILDDIR RESFILE: run the host unit tests (tests/unit, built into
# BUILDDIR with its Kyuafile) under the host's kyua and append one line per
# test case to RESFILE, in the format of tools/results.sh:
#     pass<TAB>unit:PROGRAM:CASE
#     fail<TAB>unit:PROGRAM:CASE<TAB>FILE   (FILE: kyua's verbose report)
# Skipped and expected failures count as passes.  Exits non-zero only if
# kyua could not run at all.
set -eu
builddir=$1
resfile=$2
outdir=$(dirname "$resfile")/unit.d
mkdir -p "$outdir"
db="$outdir/results.db"
rm -f "$db"

# kyua exits 1 when a test fails; the report below carries the verdict.
kyua test --kyuafile "$builddir/Kyuafile" --build-root "$builddir" \
    --results-file "$db" >"$outdir/kyua-test.log" 2>&1 || true
[ -s "$db" ] || { cat "$outdir/kyua-test.log" >&2; echo "unit: kyua did not run" >&2; exit 1; }

kyua report --results-file "$db" --verbose \
    --results-filter broken,failed >"$outdir/failures.txt" 2>&1 || true
awk -v out="$outdir/failures.txt" '
/^[^ ]+:[^ ]+  ->  / {
	name = $1
	if ($3 ~ /^(passed|skipped|expected_failure)/)
		printf "pass\tunit:%s\n", name
	else
		printf "fail\tunit:%s\t%s\n", name, out
}' "$outdir/kyua-test.log" >>"$resfile"
