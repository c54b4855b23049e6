#!/bin/sh
# fsck.sh IMG NAME RESFILE: check the root file system (partition 1) of the
# disk image IMG with `e2fsck -fn` and append pass/fail "fsck:NAME" to
# RESFILE (format of tools/results.sh).  e2fsck exits 0 only when clean.
set -eu
img=$1
name=$2
resfile=$3
outdir=$(dirname "$resfile")
start=$(od -An -t u4 -j 454 -N 4 -- "$img" | tr -d ' ')
out="$outdir/fsck-$name.out"
if e2fsck -fn "$img?offset=$((start * 512))" >"$out" 2>&1; then
	printf 'pass\tfsck:%s\n' "$name" >>"$resfile"
else
	printf 'fail\tfsck:%s\t%s\n' "$name" "$out" >>"$resfile"
fi
