#! /usr/bin/atf-sh
# timeout_test: a case that sleeps for ever must be killed by Kyua when
# its timeout (5 s) is up and reported "broken" (timed out), and the run
# must go on to the next case, which passes.  The harness checks these
# verdicts, and the time the run took (tools/kyua-test.sh, test-host.sh).

atf_test_case sleeps_forever
sleeps_forever_head()
{
	atf_set descr "sleeps until Kyua kills it: its timeout is 5 s"
	atf_set timeout 5
}
sleeps_forever_body()
{
	# A child too: Kyua must kill the whole process group.
	sleep 100000 &
	while :; do
		sleep 100000
	done
}

atf_test_case runs_after
runs_after_head()
{
	atf_set descr "runs after the case that timed out, and passes"
}
runs_after_body()
{
	atf_check -s exit:0 -o inline:'still here\n' echo still here
}

atf_init_test_cases()
{
	atf_add_test_case sleeps_forever
	atf_add_test_case runs_after
}
