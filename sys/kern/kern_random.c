/*
 * kern_random.c: random bytes for the kernel (AT_RANDOM, getrandom).
 *
 * From RDRAND when the CPU has it (CPUID.1:ECX bit 30), else from a
 * 64-bit mixing generator (splitmix64) whose state is stirred with the
 * TSC at every call.  XXX: neither is a real entropy pool: good enough
 * for stack-protector canaries and pointer guards in test programs, not
 * for keys.  A proper random(4) device comes later.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/proc.h>
#include <sys/syscallsubr.h>

#include <machine/cpufunc.h>
#include <machine/md_var.h>
#include <machine/specialreg.h>

static uint64_t random_state;	/* XXX: racy on SMP; harmless here */

static uint64_t
splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ul);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ul;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebul;
	return (z ^ (z >> 31));
}

/* One 64-bit random word. */
static uint64_t
random_word(void)
{
	uint64_t v;
	uint8_t ok;
	int i;

	if (cpu_feature2 & CPUID2_RDRAND) {
		for (i = 0; i < 10; i++) {
			__asm__ volatile("rdrand %0; setc %1"
			    : "=r"(v), "=qm"(ok));
			if (ok)
				return (v);
		}
	}
	random_state ^= rdtsc();
	return (splitmix64(&random_state));
}

/* read_random: fill buf with len random bytes. */
void
read_random(void *buf, size_t len)
{
	uint8_t *p = buf;
	uint64_t v;
	size_t n;

	while (len > 0) {
		v = random_word();
		n = MIN(len, sizeof(v));
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

/*
 * kern_getrandom: copy len random bytes to user buffer ubuf (flags are
 * getrandom(2)'s, which Umbra shares with Linux and FreeBSD).  Never
 * blocks.  Returns 0 with the count in *donep, EINVAL or EFAULT.
 */
int
kern_getrandom(struct thread *td, vm_offset_t ubuf, size_t len, u_int flags,
    size_t *donep)
{
	uint8_t buf[256];
	size_t done = 0, n;
	int error = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return (EINVAL);
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return (EINVAL);
	len = MIN(len, 33554431);	/* Linux's cap on one call */
	while (done < len) {
		n = MIN(len - done, sizeof(buf));
		read_random(buf, n);
		error = copyout(buf, (void *)(ubuf + done), n);
		if (error != 0)
			break;
		done += n;
	}
	if (error != 0 && done == 0)
		return (error);
	*donep = done;
	return (0);
}
