#! /usr/bin/atf-sh
# tools_test: everyday commands over the kernel's services: large files
# through dd, checksums, compression and archives (read, write, mmap,
# lseek, the page cache), a tree copied with its modes and links, find,
# the shell's traps, wait and background jobs, timeout's SIGTERM, xargs
# running several at once, and a named pipe between two processes.  Only
# ordinary Linux behaviour: this passes on the host too.

atf_test_case dd_and_checksums
dd_and_checksums_head()
{
	atf_set descr "a 4 MiB file written by dd reads back with the same checksum, whole and in pieces"
}
dd_and_checksums_body()
{
	dd if=/dev/urandom of=big bs=64k count=64 2>/dev/null ||
	    atf_fail "dd from /dev/urandom failed"
	atf_check -o inline:'4194304\n' sh -c 'wc -c <big | tr -d " "'
	sum=$(md5sum <big | cut -d' ' -f1)
	dd if=big of=copy bs=4096 2>/dev/null || atf_fail "dd copy failed"
	atf_check -o inline:"$sum\n" sh -c 'md5sum <copy | cut -d" " -f1'
	# The second half, then the first, through skip and seek.
	dd if=big of=halves bs=1M skip=2 seek=2 count=2 conv=notrunc \
	    2>/dev/null
	dd if=big of=halves bs=1M count=2 conv=notrunc 2>/dev/null
	atf_check -o inline:"$sum\n" sh -c 'md5sum <halves | cut -d" " -f1'
	atf_check -s exit:0 cmp big halves
}

atf_test_case gzip_tar_roundtrip
gzip_tar_roundtrip_head()
{
	atf_set descr "a tree survives tar and gzip: contents, modes, symlinks"
}
gzip_tar_roundtrip_body()
{
	mkdir -p tree/a/b tree/c
	seq 1 20000 >tree/a/numbers
	printf 'x\n' >tree/a/b/small
	chmod 0750 tree/a/b
	chmod 0604 tree/a/b/small
	ln -s ../a/numbers tree/c/link
	atf_check -s exit:0 tar cf tree.tar tree
	atf_check -s exit:0 gzip -9 tree.tar
	mkdir out
	atf_check -s exit:0 sh -c 'gunzip -c tree.tar.gz | (cd out && tar xf -)'
	atf_check -s exit:0 cmp tree/a/numbers out/tree/a/numbers
	atf_check -o inline:'750\n' stat -c %a out/tree/a/b
	atf_check -o inline:'604\n' stat -c %a out/tree/a/b/small
	atf_check -o inline:'../a/numbers\n' readlink out/tree/c/link
	atf_check -o inline:'20000\n' sh -c 'wc -l <out/tree/c/link | tr -d " "'
}

atf_test_case cp_find
cp_find_head()
{
	atf_set descr "cp -a copies a tree; find selects by type, name and size"
}
cp_find_body()
{
	mkdir -p src/d1/d2
	for i in 1 2 3; do
		echo "$i" >"src/d1/f$i"
	done
	dd if=/dev/zero of=src/d1/d2/zeros bs=1k count=100 2>/dev/null
	ln -s f1 src/d1/l1
	atf_check -s exit:0 cp -a src dst
	atf_check -o inline:'dst/d1/d2/zeros\ndst/d1/f1\ndst/d1/f2\ndst/d1/f3\n' \
	    sh -c 'find dst -type f | sort'
	atf_check -o inline:'dst/d1/l1\n' find dst -type l
	atf_check -o inline:'dst/d1/d2/zeros\n' find dst -size +50k
	atf_check -o inline:'dst/d1/f2\n' find dst -name 'f2'
	atf_check -s exit:0 diff -r src dst
}

atf_test_case shell_traps_and_jobs
shell_traps_and_jobs_head()
{
	atf_set descr "sh: a TERM trap runs; wait collects background jobs' statuses"
}
shell_traps_and_jobs_body()
{
	# (stderr: some shells report the killed job.)
	atf_check -o inline:'trapped\n' -e ignore sh -c \
	    'trap "echo trapped; exit 0" TERM; kill -TERM $$; sleep 5; echo not'
	atf_check -o inline:'3 4\n' -e ignore sh -c \
	    '(exit 3) & a=$!; (exit 4) & b=$!; wait $a; x=$?; wait $b; echo $x $?'
	atf_check -o inline:'143\n' -e ignore sh -c \
	    'sleep 30 & p=$!; kill $p; wait $p; echo $?'
}

atf_test_case timeout_kills
timeout_kills_head()
{
	atf_set descr "timeout ends a command with SIGTERM after its time"
}
timeout_kills_body()
{
	start=$(date +%s)
	timeout 1 sleep 30
	st=$?
	end=$(date +%s)
	[ "$st" -ne 0 ] || atf_fail "timeout 1 sleep 30 exited 0"
	[ $((end - start)) -lt 10 ] ||
	    atf_fail "timeout took $((end - start)) s for 1 s"
}

atf_test_case xargs_parallel
xargs_parallel_head()
{
	atf_set descr "xargs -P runs four at once; every result arrives"
}
xargs_parallel_body()
{
	seq 1 40 | xargs -n 1 -P 4 sh -c 'echo $(($1 * $1)) >sq.$1' sh ||
	    atf_fail "xargs failed"
	atf_check -o inline:'22140\n' sh -c 'cat sq.* | awk "{ s += \$1 } END { print s }"'
}

atf_test_case sort_large
sort_large_head()
{
	atf_set descr "sort orders 200000 numbers (several MiB of memory)"
}
sort_large_body()
{
	seq 1 200000 | awk '{ print ($1 * 7919) % 200003 }' >unsorted
	atf_check -s exit:0 sh -c 'sort -n unsorted >sorted'
	atf_check -o inline:'200000\n' sh -c 'uniq sorted | wc -l | tr -d " "'
	atf_check -s exit:0 sh -c 'sort -n -c sorted'
}

atf_test_case fifo_between_processes
fifo_between_processes_head()
{
	atf_set descr "a named pipe carries a writer's output to a reader, twice"
}
fifo_between_processes_body()
{
	mkfifo p || atf_fail "mkfifo failed"
	seq 1 10 >p &
	atf_check -o inline:'55\n' awk '{ s += $1 } END { print s }' p
	wait
	# The reader first this time; a large stream through it.
	awk '{ s += $1 } END { print s }' p >sum &
	seq 1 100000 >p
	wait
	atf_check -o inline:'5000050000\n' cat sum
}

atf_init_test_cases()
{
	atf_add_test_case dd_and_checksums
	atf_add_test_case gzip_tar_roundtrip
	atf_add_test_case cp_find
	atf_add_test_case shell_traps_and_jobs
	atf_add_test_case timeout_kills
	atf_add_test_case xargs_parallel
	atf_add_test_case sort_large
	atf_add_test_case fifo_between_processes
}
