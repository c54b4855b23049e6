/*
 * ktest.h: in-kernel tests, in the manner of KUnit.
 *
 * A test stands next to the code it tests:
 *
 *	KTEST(vm_phys, split_and_coalesce)
 *	{
 *		KT_ASSERT(kt, m != NULL);	// stops the test on failure
 *		KT_EXPECT_EQ(kt, n, 4);		// records, goes on
 *	}
 *
 * and is named "<suite>.<name>".  When the kernel command line carries
 * umbra.test=PATTERN[,PATTERN...] (shell patterns; "all" means "*"), the
 * kernel runs the matching tests after initialization, reports them as
 * TAP on the console and powers off with a status that says whether all
 * passed (share/doc/boot-and-harness.md).
 */
#ifndef _SYS_KTEST_H_
#define _SYS_KTEST_H_

#include <sys/types.h>
#include <sys/linker_set.h>

#include <machine/setjmp.h>

struct ktest;

struct ktest_ctx {
	const struct ktest *kt_test;	/* the test being run */
	bool		kt_failed;	/* a check failed */
	bool		kt_skipped;	/* the test skipped itself */
	const char	*kt_skip_reason;
	u_int		kt_checks;	/* checks evaluated */
	struct kjmpbuf	kt_abort;	/* KT_ASSERT failures jump here */
};

typedef void ktest_fn_t(struct ktest_ctx *kt);

struct ktest {
	const char	*kt_name;	/* "suite.name" */
	ktest_fn_t	*kt_fn;
	const char	*kt_file;
	int		kt_line;
};

#define KTEST(suite, name)						\
	static ktest_fn_t ktest_##suite##_##name;			\
	static const struct ktest ktest_desc_##suite##_##name = {	\
		#suite "." #name, ktest_##suite##_##name, __FILE__,	\
		__LINE__						\
	};								\
	DATA_SET(ktest_set, ktest_desc_##suite##_##name);		\
	static void ktest_##suite##_##name(struct ktest_ctx *kt)

bool	ktest_check(struct ktest_ctx *kt, bool ok, bool fatal,
	    const char *file, int line, const char *fmt, ...)
	    __printflike(6, 7);
void	ktest_skip(struct ktest_ctx *kt, const char *reason) __dead2;
int	ktest_run_matching(const char *patterns);

#define KT_EXPECT(kt, cond)						\
	ktest_check((kt), (cond), false, __FILE__, __LINE__, "%s", #cond)
#define KT_ASSERT(kt, cond)						\
	ktest_check((kt), (cond), true, __FILE__, __LINE__, "%s", #cond)
#define KT_EXPECT_EQ(kt, a, b)						\
	do {								\
		uint64_t _a = (uint64_t)(a), _b = (uint64_t)(b);	\
		ktest_check((kt), _a == _b, false, __FILE__, __LINE__,	\
		    "%s == %s (%#lx != %#lx)", #a, #b, _a, _b);		\
	} while (0)
#define KT_ASSERT_EQ(kt, a, b)						\
	do {								\
		uint64_t _a = (uint64_t)(a), _b = (uint64_t)(b);	\
		ktest_check((kt), _a == _b, true, __FILE__, __LINE__,	\
		    "%s == %s (%#lx != %#lx)", #a, #b, _a, _b);		\
	} while (0)
#define KT_EXPECT_STREQ(kt, a, b)					\
	do {								\
		const char *_a = (a), *_b = (b);			\
		ktest_check((kt), strcmp(_a, _b) == 0, false, __FILE__,	\
		    __LINE__, "%s == %s (\"%s\" != \"%s\")", #a, #b, _a,	\
		    _b);						\
	} while (0)
#define KT_SKIP(kt, reason)	ktest_skip((kt), (reason))

#endif /* !_SYS_KTEST_H_ */
