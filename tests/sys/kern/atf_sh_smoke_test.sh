#! /usr/bin/atf-sh
# atf_sh_smoke_test: the smallest atf-sh program Kyua runs in the guest:
# the shell, a pipe and atf_check.

atf_test_case echo_through_a_pipe
echo_through_a_pipe_body()
{
	atf_check -o inline:"umbra\n" -x 'echo umbra | cat'
}

atf_test_case exit_status
exit_status_body()
{
	atf_check -s exit:3 sh -c 'exit 3'
}

atf_init_test_cases()
{
	atf_add_test_case echo_through_a_pipe
	atf_add_test_case exit_status
}
