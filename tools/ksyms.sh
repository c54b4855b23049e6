#!/bin/sh
# ksyms.sh KERNEL OUT.S: write the kernel's text symbols, sorted by address,
# as an assembly file for the .ksyms section (layout: sys/amd64/amd64/
# db_trace.c).  The build links the kernel, runs this on it, and links
# again with the result.
set -eu
kernel=$1
out=$2
NM=${NM:-llvm-nm}
$NM -n --defined-only "$kernel" | awk 'BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 != "" { addr[n] = $1; name[n] = $3; n++ }
END {
	print "\t.section .ksyms, \"a\""
	print "\t.p2align 3"
	print ".Lbase:"
	printf "\t.quad %d\n", n
	for (i = 0; i < n; i++)
		printf "\t.quad 0x%s, .Ls%d - .Lbase\n", addr[i], i
	for (i = 0; i < n; i++)
		printf ".Ls%d:\t.asciz \"%s\"\n", i, name[i]
}' > "$out.tmp"
mv "$out.tmp" "$out"
