#! /usr/bin/atf-sh
# busybox_test: the commands a user types at the guest's prompt, as
# Debian's programs run them: ls, ps, cat of /proc files, a pipeline.
# They use the ordinary Linux interfaces, so this passes on the host too.

atf_test_case ls_root
ls_root_head()
{
	atf_set descr "ls -l / lists the root directory, with owners and modes"
}
ls_root_body()
{
	atf_check -s exit:0 -o match:'^d.* proc$' -o match:'^d.* tmp$' \
	    -o match:'^d.* usr$' ls -l /
}

atf_test_case proc_self_maps
proc_self_maps_head()
{
	atf_set descr "cat /proc/self/maps shows cat's own mappings in Linux's format"
}
proc_self_maps_body()
{
	# Every line: start-end perms offset dev inode [path], as Linux
	# prints it; the program's text, and the stack, named.  (Which path
	# names the program: procfs_names_test.)
	cat /proc/self/maps >maps || atf_fail "cat /proc/self/maps failed"
	bad=$(grep -Ev '^[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8,} [0-9a-f]{2,}:[0-9a-f]{2,} [0-9]+( +.*)?$' maps)
	[ -z "$bad" ] || atf_fail "lines not in Linux's format: $bad"
	grep -Eq ' r-xp [0-9a-f]+ [0-9a-f:]+ [1-9][0-9]* +/' maps ||
	    atf_fail "no executable mapping of a file: $(cat maps)"
	grep -q ' \[stack\]$' maps || atf_fail "no [stack]: $(cat maps)"
}

atf_test_case ps_lists_itself
ps_lists_itself_head()
{
	atf_set descr "ps lists the processes, the ps itself among them"
}
ps_lists_itself_body()
{
	ps >out 2>err || atf_fail "ps failed: $(cat err)"
	grep -q 'ps' out || atf_fail "ps does not list itself: $(cat out)"
	grep -q "^ *$$ " out || ps -e 2>/dev/null | grep -q "^ *$$ " ||
	    atf_fail "ps does not list the shell ($$): $(cat out)"
}

atf_test_case pipeline
pipeline_head()
{
	atf_set descr "a pipeline of three processes passes every byte"
}
pipeline_body()
{
	seq 1 10000 >numbers
	atf_check -s exit:0 -o inline:'10000\n' sh -c 'cat numbers | sort -n | wc -l'
	atf_check -s exit:0 -o inline:'50005000\n' \
	    sh -c "cat numbers | awk '{ s += \$1 } END { print s }'"
}

atf_init_test_cases()
{
	atf_add_test_case ls_root
	atf_add_test_case proc_self_maps
	atf_add_test_case ps_lists_itself
	atf_add_test_case pipeline
}
