#! /usr/bin/atf-sh
# procfs_names_test: the paths /proc prints for files (exe, fd/N, the
# pathnames of maps) are their real paths, as Linux's d_path gives:
# symbolic links resolved, the new name after a rename, " (deleted)"
# after an unlink.  Umbra keeps them as vnode name hints
# (sys/kern/vfs_name.c); they must read as on Linux, so this passes on
# the host too.

# The real path of program $1, found in PATH.  (Not with `command -v`
# alone: busybox's ash answers an applet's bare name.)
real_program()
{
	_p=$(IFS=:; for _d in $PATH; do
		[ -f "$_d/$1" ] && [ -x "$_d/$1" ] && { echo "$_d/$1"; break; }
	done)
	[ -n "$_p" ] && readlink -f "$_p"
}

atf_test_case exe_through_symlinks
exe_through_symlinks_head()
{
	atf_set descr "/proc/self/exe of a program run through symlinks is the program's real path"
}
exe_through_symlinks_body()
{
	prog=$(real_program readlink)
	[ -n "$prog" ] || atf_fail "no readlink in PATH"
	# Named readlink: busybox runs the applet its argv[0] names.
	mkdir abs rel
	ln -s "$prog" abs/readlink
	ln -s ../abs/readlink rel/readlink
	atf_check -s exit:0 -o inline:"$prog\n" abs/readlink /proc/self/exe
	atf_check -s exit:0 -o inline:"$prog\n" rel/readlink /proc/self/exe
	atf_check -s exit:0 -o inline:"$prog\n" \
	    sh -c 'cd rel && ./readlink /proc/self/exe'
}

atf_test_case exe_copy_through_symlink
exe_copy_through_symlink_head()
{
	atf_set descr "/proc/self/exe of a copy run through a relative symlink is the copy's path"
}
exe_copy_through_symlink_body()
{
	mkdir copy links
	cp "$(real_program readlink)" copy/readlink
	ln -s ../copy/./readlink links/readlink
	want="$(pwd -P)/copy/readlink"
	atf_check -s exit:0 -o inline:"$want\n" links/readlink /proc/self/exe
	atf_check -s exit:0 -o inline:"$want\n" \
	    "$(pwd)/links/../links/readlink" /proc/self/exe
}

atf_test_case fd_through_symlink
fd_through_symlink_head()
{
	atf_set descr "/proc/self/fd/N of a file created and opened through a symlink names the file"
}
fd_through_symlink_body()
{
	mkdir dir
	ln -s dir/target lnk
	# The redirection creates dir/target through the dangling link.
	echo data >lnk
	exec 3<lnk
	atf_check -s exit:0 -o inline:"$(pwd -P)/dir/target\n" \
	    readlink /proc/$$/fd/3
	exec 3<&-
}

atf_test_case fd_after_rename
fd_after_rename_head()
{
	atf_set descr "/proc/self/fd/N of an open file shows its new name after a rename"
}
fd_after_rename_body()
{
	mkdir sub
	echo data >old
	exec 3<old
	atf_check -s exit:0 -o inline:"$(pwd -P)/old\n" readlink /proc/$$/fd/3
	mv old sub/new
	atf_check -s exit:0 -o inline:"$(pwd -P)/sub/new\n" \
	    readlink /proc/$$/fd/3
	exec 3<&-
}

atf_test_case fd_below_renamed_directory
fd_below_renamed_directory_head()
{
	atf_set descr "files open below a directory that is renamed show the new path"
}
fd_below_renamed_directory_body()
{
	mkdir -p top/mid
	echo a >top/f
	echo b >top/mid/g
	exec 3<top/f 4<top/mid/g
	mv top moved
	atf_check -s exit:0 -o inline:"$(pwd -P)/moved/f\n" \
	    readlink /proc/$$/fd/3
	atf_check -s exit:0 -o inline:"$(pwd -P)/moved/mid/g\n" \
	    readlink /proc/$$/fd/4
	# A sibling whose name only starts the same is not moved.
	mkdir moved2
	echo c >moved2/h
	exec 5<moved2/h
	mv moved again
	atf_check -s exit:0 -o inline:"$(pwd -P)/moved2/h\n" \
	    readlink /proc/$$/fd/5
	atf_check -s exit:0 -o inline:"$(pwd -P)/again/mid/g\n" \
	    readlink /proc/$$/fd/4
	exec 3<&- 4<&- 5<&-
}

atf_test_case fd_after_unlink
fd_after_unlink_head()
{
	atf_set descr "/proc/self/fd/N of an open file unlinked is its path and \" (deleted)\""
}
fd_after_unlink_body()
{
	echo data >gone
	exec 3<gone
	rm gone
	atf_check -s exit:0 -o inline:"$(pwd -P)/gone (deleted)\n" \
	    readlink /proc/$$/fd/3
	exec 3<&-
}

atf_test_case maps_real_binary
maps_real_binary_head()
{
	atf_set descr "cat /proc/self/maps names cat's mappings by the real path of the binary"
}
maps_real_binary_body()
{
	prog=$(real_program cat)
	[ -n "$prog" ] || atf_fail "no cat in PATH"
	mkdir d
	ln -s "$prog" d/cat
	for c in cat d/cat; do
		$c /proc/self/maps >maps || atf_fail "$c /proc/self/maps failed"
		grep -q " r-xp .* $prog\$" maps ||
		    atf_fail "$c: no executable mapping of $prog: $(cat maps)"
		if grep -q " $(pwd)/d/cat\$" maps; then
			atf_fail "$c: maps names the symlink: $(cat maps)"
		fi
	done
}

atf_init_test_cases()
{
	atf_add_test_case exe_through_symlinks
	atf_add_test_case exe_copy_through_symlink
	atf_add_test_case fd_through_symlink
	atf_add_test_case fd_after_rename
	atf_add_test_case fd_below_renamed_directory
	atf_add_test_case fd_after_unlink
	atf_add_test_case maps_real_binary
}
