/*
 * procfs_linux.c: the text of procfs's files, in Linux's formats
 * (proc(5)), as FreeBSD's linprocfs writes them.
 *
 * System files: meminfo, mounts, cpuinfo, uptime, loadavg, version,
 * cmdline.
 * Process files: maps, status, stat, cmdline; the links self, exe and
 * fd/<n>.
 *
 * What a process file needs is taken under proctree_lock (which keeps
 * the process from being freed) into a struct pfsproc: copies of small
 * fields, and references to what may go away meanwhile (the vmspace,
 * the arguments, the descriptor table); the text is written after the
 * lock is dropped, since printing may sleep.  The values are a snapshot:
 * a process may exit or exec while its files are read.
 *
 * Names in maps and fd/: a file's path is its vnode's name hint
 * (sys/kern/vfs_name.c: the absolute path it was last opened or
 * executed by); a file without one prints no path in maps and
 * "anon_inode:[N]" under fd/.  /proc/<pid>/exe is the path exec
 * resolved, kept in the process's struct pargs.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/malloc.h>
#include <sys/mount.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/sched.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/tty.h>
#include <sys/ucred.h>
#include <sys/vmmeter.h>
#include <sys/vnode.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_map.h>
#include <vm/vm_object.h>

#include <machine/clock.h>
#include <machine/cpufunc.h>
#include <machine/md_var.h>

#include <fs/procfs/procfs.h>

/* Linux reports times in USER_HZ (100) ticks. */
#define LINUX_USER_HZ	100
#define PGTOKB(n)	((uint64_t)(n) * (PAGE_SIZE / 1024))

/* A snapshot of a process (see the top of the file). */
struct pfsproc {
	pid_t		pid;
	pid_t		ppid;
	pid_t		pgid, sid;	/* its process group and session */
	pid_t		tpgid;		/* its terminal's foreground group,
					   or -1 (no controlling terminal) */
	u_int		tty_nr;		/* its terminal, Linux-encoded; 0 */
	char		comm[MAXCOMLEN + 1];
	char		state;		/* R, S, T, Z */
	uid_t		uid, ruid, svuid;
	gid_t		gid, rgid, svgid;
	int		nthreads;
	uint64_t	uticks, sticks;	/* CPU time: user, system (ticks) */
	uint64_t	cuticks, csticks; /* its reaped children's */
	int		xstat;		/* exit status, zombies */
	struct vmspace	*vm;		/* referenced, or NULL */
	vm_offset_t	daddr, brk;	/* the heap */
	struct pargs	*args;		/* held, or NULL */
	struct filedesc	*fdp;		/* held (fdhold), or NULL */
};

/*
 * Take a snapshot of process pid: ESRCH if there is none.  what says
 * which references to take (PS_*); pfsproc_done drops them.
 */
#define PS_VM		0x1
#define PS_ARGS		0x2
#define PS_FD		0x4

static int
pfsproc_get(pid_t pid, int what, struct pfsproc *ps)
{
	struct thread *td;
	struct proc *p;

	memset(ps, 0, sizeof(*ps));
	if (pid <= 0)
		return (ESRCH);
	mtx_lock(&proctree_lock);
	p = pfind_locked(pid);
	if (p == NULL || p->p_state == PRS_NEW) {
		mtx_unlock(&proctree_lock);
		return (ESRCH);
	}
	ps->pid = p->p_pid;
	ps->ppid = p->p_pptr != NULL ? p->p_pptr->p_pid : 0;
	strlcpy(ps->comm, p->p_comm, sizeof(ps->comm));
	ps->state = 'S';
	/* A peek at the tick's counters (kern_resource.c takes
	   sched_lock for a consistent pair; a snapshot needs none). */
	ps->uticks = p->p_uticks;
	ps->sticks = p->p_sticks;
	ps->cuticks = p->p_cuticks;
	ps->csticks = p->p_csticks;
	TAILQ_FOREACH(td, &p->p_threads, td_plist) {
		ps->nthreads++;
		if (td->td_state == TDS_RUNNING || td->td_state == TDS_RUNQ)
			ps->state = 'R';
	}
	if (p->p_state == PRS_ZOMBIE) {
		ps->state = 'Z';
		ps->xstat = p->p_xexit;
	}
	ps->tpgid = -1;
	if (p->p_pgrp != NULL) {
		ps->pgid = p->p_pgrp->pg_id;
		ps->sid = p->p_pgrp->pg_session->s_sid;
		/* t_pgrp is stable under proctree_lock (sys/sys/tty.h). */
		if (p->p_pgrp->pg_session->s_ttyp != NULL) {
			ps->tpgid = p->p_pgrp->pg_session->s_ttyp->t_pgrp;
			/* dev_t is Linux's encoding (sys/conf.h). */
			ps->tty_nr = p->p_pgrp->pg_session->s_ttyp->t_dev;
		}
	}
	mtx_lock(&p->p_mtx);
	if ((p->p_flag & P_STOPPED) != 0 && ps->state != 'Z')
		ps->state = 'T';
	ps->uid = p->p_ucred->cr_uid;
	ps->ruid = p->p_ucred->cr_ruid;
	ps->svuid = p->p_ucred->cr_svuid;
	ps->gid = p->p_ucred->cr_gid;
	ps->rgid = p->p_ucred->cr_rgid;
	ps->svgid = p->p_ucred->cr_svgid;
	if (what & PS_ARGS)
		ps->args = pargs_hold(p->p_args);
	mtx_unlock(&p->p_mtx);
	if (what & PS_VM)
		ps->vm = dvmspace_acquire(p, &ps->daddr, &ps->brk);
	if (what & PS_FD)
		ps->fdp = fdhold(p);
	mtx_unlock(&proctree_lock);
	return (0);
}

static void
pfsproc_done(struct pfsproc *ps)
{
	if (ps->vm != NULL)
		vmspace_free(ps->vm);
	pargs_drop(ps->args);
	if (ps->fdp != NULL)
		fddrop(ps->fdp);
}

static const char *
pfsproc_statename(char state)
{
	switch (state) {
	case 'R':
		return ("running");
	case 'T':
		return ("stopped");
	case 'Z':
		return ("zombie");
	default:
		return ("sleeping");
	}
}

/* The map's size and resident pages. */
static void
pfsproc_vmsize(struct pfsproc *ps, uint64_t *sizep, uint64_t *rssp)
{
	vm_map_t map;

	*sizep = *rssp = 0;
	if (ps->vm == NULL)
		return;
	map = &ps->vm->vm_map;
	vm_map_lock_read(map);
	*sizep = map->size;
	vm_map_unlock_read(map);
	*rssp = ps->vm->vm_pmap.pm_stats.resident_count;
}

/* ---- /proc/<pid>/maps ------------------------------------------------ */

/*
 * The file behind an entry: the vnode at the bottom of its object chain
 * (a private file mapping's copied pages shadow the file's object),
 * referenced, and the file offset of the entry's start.  Map locked.
 */
static struct vnode *
procfs_entry_vnode(struct vm_map_entry *entry, uint64_t *offp)
{
	vm_object_t object, backing;
	struct vnode *vp = NULL;
	uint64_t off = entry->offset;

	object = entry->object;
	if (object == NULL)
		return (NULL);
	/* Objects top-down, hand over hand (the lock order). */
	VM_OBJECT_WLOCK(object);
	while ((backing = object->backing_object) != NULL) {
		VM_OBJECT_WLOCK(backing);
		off += object->backing_object_offset;
		VM_OBJECT_WUNLOCK(object);
		object = backing;
	}
	vp = vm_object_vnode_ref(object);
	VM_OBJECT_WUNLOCK(object);
	*offp = off;
	return (vp);
}

static void
procfs_maps(struct pfsproc *ps, struct pfsbuf *pb)
{
	struct vm_map_entry *entry;
	struct vnode *vp;
	vm_map_t map;
	uint64_t off;
	char *name;
	size_t start;
	dev_t dev;

	if (ps->vm == NULL)
		return;
	name = malloc(MAXPATHLEN, M_TEMP, M_WAITOK);
	map = &ps->vm->vm_map;
	vm_map_lock_read(map);
	VM_MAP_ENTRY_FOREACH(entry, map) {
		if (entry->eflags & (MAP_ENTRY_GUARD | MAP_ENTRY_STACK_GAP_DN))
			continue;
		off = 0;
		vp = procfs_entry_vnode(entry, &off);
		dev = vp != NULL ? vp->v_mount->mnt_dev : 0;
		start = pb->pb_len;
		pfsbuf_printf(pb, "%08lx-%08lx %c%c%c%c %08lx %02lx:%02lx %lu",
		    (u_long)entry->start, (u_long)entry->end,
		    entry->protection & VM_PROT_READ ? 'r' : '-',
		    entry->protection & VM_PROT_WRITE ? 'w' : '-',
		    entry->protection & VM_PROT_EXECUTE ? 'x' : '-',
		    entry->inheritance == VM_INHERIT_SHARE ? 's' : 'p',
		    (u_long)(vp != NULL ? off : 0), (u_long)((dev >> 8) & 0xfff),
		    (u_long)(dev & 0xff), (u_long)(vp != NULL ? vp->v_hashid :
		    0));
		name[0] = '\0';
		if (vp != NULL) {
			if (vn_name_get(vp, name, MAXPATHLEN) != 0)
				name[0] = '\0';
			vrele(vp);
		} else if (entry->eflags & MAP_ENTRY_GROWS_DOWN) {
			strlcpy(name, "[stack]", MAXPATHLEN);
		} else if (ps->brk > ps->daddr && entry->start < ps->brk &&
		    entry->end > ps->daddr) {
			strlcpy(name, "[heap]", MAXPATHLEN);
		}
		/* Linux pads the fields to 73 columns before a name. */
		if (name[0] != '\0') {
			while (pb->pb_len - start < 73)
				pfsbuf_bcat(pb, " ", 1);
			pfsbuf_printf(pb, " %s", name);
		}
		pfsbuf_bcat(pb, "\n", 1);
	}
	vm_map_unlock_read(map);
	free(name, M_TEMP);
}

/* ---- status, stat, cmdline --------------------------------------------- */

static void
procfs_status(struct pfsproc *ps, struct pfsbuf *pb)
{
	uint64_t size, rss;
	int nfiles = 0;

	pfsproc_vmsize(ps, &size, &rss);
	if (ps->fdp != NULL) {
		FILEDESC_SLOCK(ps->fdp);
		nfiles = ps->fdp->fd_nfiles;
		FILEDESC_SUNLOCK(ps->fdp);
	}
	pfsbuf_printf(pb, "Name:\t%s\n", ps->comm);
	pfsbuf_printf(pb, "State:\t%c (%s)\n", ps->state,
	    pfsproc_statename(ps->state));
	pfsbuf_printf(pb, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
	    "TracerPid:\t0\n", ps->pid, ps->pid, ps->ppid);
	pfsbuf_printf(pb, "Uid:\t%u\t%u\t%u\t%u\n", ps->ruid, ps->uid,
	    ps->svuid, ps->uid);
	pfsbuf_printf(pb, "Gid:\t%u\t%u\t%u\t%u\n", ps->rgid, ps->gid,
	    ps->svgid, ps->gid);
	pfsbuf_printf(pb, "FDSize:\t%d\n", nfiles);
	if (ps->vm != NULL)
		pfsbuf_printf(pb, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n",
		    (u_long)(size / 1024), (u_long)PGTOKB(rss));
	pfsbuf_printf(pb, "Threads:\t%d\n", ps->nthreads);
}

/* The 52 fields of Linux's /proc/<pid>/stat; zeros for those not kept. */
static void
procfs_stat(struct pfsproc *ps, struct pfsbuf *pb)
{
	uint64_t size, rss;

	pfsproc_vmsize(ps, &size, &rss);
#define USER_HZ(t)	((u_long)((t) * LINUX_USER_HZ / (uint64_t)hz))
	/* 1 pid, 2 comm, 3 state, 4 ppid, 5 pgrp, 6 session, 7 tty_nr,
	   8 tpgid, 9 flags, 10-13 faults, 14 utime, 15 stime, 16 cutime,
	   17 cstime, 18 priority, 19 nice, 20 num_threads,
	   21 itrealvalue, 22 starttime, 23 vsize, 24 rss, 25 rsslim */
	pfsbuf_printf(pb, "%d (%s) %c %d %d %d %u %d 0 0 0 0 0 %lu %lu %lu %lu "
	    "20 0 %d 0 0 %lu %lu %lu ", ps->pid, ps->comm, ps->state,
	    ps->ppid, ps->pgid, ps->sid, ps->tty_nr, ps->tpgid,
	    USER_HZ(ps->uticks),
	    USER_HZ(ps->sticks), USER_HZ(ps->cuticks), USER_HZ(ps->csticks),
	    ps->nthreads, (u_long)size, (u_long)rss, (u_long)RLIM_INFINITY);
#undef USER_HZ
	/* 26 startcode .. 37 cnswap: zeros; 38 exit_signal (SIGCHLD),
	   39 processor, 40 rt_priority, 41 policy, 42 blkio, 43-44
	   guest times, 45 start_data, 46 end_data, 47 start_brk,
	   48-51 arg and env bounds, 52 exit_code */
	pfsbuf_printf(pb, "0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 %lu "
	    "0 0 0 0 %d\n", (u_long)ps->daddr, ps->state == 'Z' ? ps->xstat :
	    0);
}

static void
procfs_cmdline(struct pfsproc *ps, struct pfsbuf *pb)
{
	if (ps->args != NULL && ps->state != 'Z')
		pfsbuf_bcat(pb, ps->args->ar_args, ps->args->ar_length);
}

/* ---- the system files ------------------------------------------------- */

static void
procfs_meminfo(struct pfsbuf *pb)
{
	u_long cached = 0, total, freep, avail;
	size_t len = sizeof(cached);

	(void)kernel_sysctlbyname("vm.stats.object.vnode_pages", &cached,
	    &len, NULL, 0);
	total = vm_cnt.v_page_count;
	freep = vm_cnt.v_free_count;
	avail = MIN(total, freep + vm_cnt.v_inactive_count + cached);
#define MI(name, pages)							\
	pfsbuf_printf(pb, "%-16s%8lu kB\n", name ":", (u_long)PGTOKB(pages))
	MI("MemTotal", total);
	MI("MemFree", freep);
	MI("MemAvailable", avail);
	MI("Buffers", 0);
	MI("Cached", cached);
	MI("SwapCached", 0);
	MI("Active", vm_cnt.v_active_count);
	MI("Inactive", vm_cnt.v_inactive_count);
	MI("SwapTotal", 0);
	MI("SwapFree", 0);
	MI("Dirty", 0);
	MI("Writeback", 0);
	MI("Mapped", cached);
	MI("Wired", vm_cnt.v_wire_count);
#undef MI
}

static void
procfs_mounts_one(struct mount *mp, void *arg)
{
	struct pfsbuf *pb = arg;
	const struct statfs *sf = &mp->mnt_stat;
	bool dev = (mp->mnt_vfc->vfc_flags & VFCF_NODEV) == 0 &&
	    sf->f_mntfromname[0] != '/';

	pfsbuf_printf(pb, "%s%s %s %s %s%s%s%s 0 0\n", dev ? "/dev/" : "",
	    sf->f_mntfromname, sf->f_mntonname, sf->f_fstypename,
	    mp->mnt_flag & MNT_RDONLY ? "ro" : "rw",
	    mp->mnt_flag & MNT_NOSUID ? ",nosuid" : "",
	    mp->mnt_flag & MNT_NODEV ? ",nodev" : "",
	    mp->mnt_flag & MNT_NOEXEC ? ",noexec" : "");
}

/* CPUID feature bits and Linux's names for them. */
struct cpuflag {
	uint8_t		reg;		/* 0 CPUID.1:EDX, 1 CPUID.1:ECX,
					   2 CPUID.80000001h:EDX,
					   3 CPUID.(7,0):EBX */
	uint8_t		bit;
	const char	*name;
};

static const struct cpuflag cpuflags[] = {
	{ 0, 0, "fpu" }, { 0, 1, "vme" }, { 0, 2, "de" }, { 0, 3, "pse" },
	{ 0, 4, "tsc" }, { 0, 5, "msr" }, { 0, 6, "pae" }, { 0, 7, "mce" },
	{ 0, 8, "cx8" }, { 0, 9, "apic" }, { 0, 11, "sep" },
	{ 0, 12, "mtrr" }, { 0, 13, "pge" }, { 0, 14, "mca" },
	{ 0, 15, "cmov" }, { 0, 16, "pat" }, { 0, 17, "pse36" },
	{ 0, 19, "clflush" }, { 0, 23, "mmx" }, { 0, 24, "fxsr" },
	{ 0, 25, "sse" }, { 0, 26, "sse2" }, { 0, 27, "ss" },
	{ 0, 28, "ht" },
	{ 2, 11, "syscall" }, { 2, 20, "nx" }, { 2, 26, "pdpe1gb" },
	{ 2, 27, "rdtscp" }, { 2, 29, "lm" },
	{ 1, 0, "pni" }, { 1, 1, "pclmulqdq" }, { 1, 3, "monitor" },
	{ 1, 5, "vmx" }, { 1, 9, "ssse3" }, { 1, 12, "fma" },
	{ 1, 13, "cx16" }, { 1, 17, "pcid" }, { 1, 19, "sse4_1" },
	{ 1, 20, "sse4_2" }, { 1, 21, "x2apic" }, { 1, 22, "movbe" },
	{ 1, 23, "popcnt" }, { 1, 24, "tsc_deadline_timer" },
	{ 1, 25, "aes" }, { 1, 26, "xsave" }, { 1, 28, "avx" },
	{ 1, 29, "f16c" }, { 1, 30, "rdrand" }, { 1, 31, "hypervisor" },
	{ 3, 0, "fsgsbase" }, { 3, 3, "bmi1" }, { 3, 5, "avx2" },
	{ 3, 7, "smep" }, { 3, 8, "bmi2" }, { 3, 9, "erms" },
	{ 3, 10, "invpcid" }, { 3, 18, "rdseed" }, { 3, 19, "adx" },
	{ 3, 20, "smap" }, { 3, 23, "clflushopt" }, { 3, 24, "clwb" },
	{ 3, 29, "sha_ni" },
};

static void
procfs_cpuinfo(struct pfsbuf *pb)
{
	uint32_t regs[4], maxleaf, maxext, family, model, stepping;
	uint32_t feat[4] = { cpu_feature, cpu_feature2, cpu_feature_ext,
	    cpu_stdext_feature };
	char vendor[13], brand[49];
	size_t i;

	do_cpuid(0, regs);
	maxleaf = regs[0];
	memcpy(vendor, &regs[1], 4);
	memcpy(vendor + 4, &regs[3], 4);
	memcpy(vendor + 8, &regs[2], 4);
	vendor[12] = '\0';
	do_cpuid(1, regs);
	family = (regs[0] >> 8) & 0xf;
	model = (regs[0] >> 4) & 0xf;
	stepping = regs[0] & 0xf;
	if (family == 0xf)
		family += (regs[0] >> 20) & 0xff;
	if (family >= 6)
		model |= ((regs[0] >> 16) & 0xf) << 4;
	do_cpuid(0x80000000, regs);
	maxext = regs[0];
	brand[0] = '\0';
	if (maxext >= 0x80000004) {
		for (i = 0; i < 3; i++) {
			do_cpuid(0x80000002 + (uint32_t)i, regs);
			memcpy(brand + 16 * i, regs, 16);
		}
		brand[48] = '\0';
	}
	pfsbuf_printf(pb, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\n"
	    "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n", vendor,
	    family, model, brand, stepping);
	pfsbuf_printf(pb, "cpu MHz\t\t: %lu.%03lu\n",
	    (u_long)(tsc_freq / 1000000), (u_long)(tsc_freq / 1000 % 1000));
	pfsbuf_printf(pb, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\n"
	    "cpu cores\t: 1\napicid\t\t: 0\nfpu\t\t: yes\n"
	    "fpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
	    maxleaf);
	for (i = 0; i < nitems(cpuflags); i++)
		if (feat[cpuflags[i].reg] & (1u << cpuflags[i].bit))
			pfsbuf_printf(pb, " %s", cpuflags[i].name);
	pfsbuf_printf(pb, "\nbogomips\t: %lu.%02lu\nclflush size\t: 64\n"
	    "cache_alignment\t: 64\n", (u_long)(tsc_freq / 500000),
	    (u_long)(tsc_freq / 5000 % 100));
	if (maxext >= 0x80000008) {
		do_cpuid(0x80000008, regs);
		pfsbuf_printf(pb, "address sizes\t: %u bits physical, %u bits "
		    "virtual\n", regs[0] & 0xff, (regs[0] >> 8) & 0xff);
	}
	pfsbuf_printf(pb, "power management:\n\n");
}

static void
procfs_uptime(struct pfsbuf *pb)
{
	struct timespec ts;

	nanouptime(&ts);
	pfsbuf_printf(pb, "%lu.%02lu 0.00\n", (u_long)ts.tv_sec,
	    (u_long)(ts.tv_nsec / 10000000));
}

static void
procfs_loadavg(struct pfsbuf *pb)
{
	pid_t pid = 0, last = 0;
	int n = 0;

	mtx_lock(&proctree_lock);
	while ((pid = proc_next_pid(pid)) != 0) {
		n++;
		last = pid;
	}
	mtx_unlock(&proctree_lock);
	pfsbuf_printf(pb, "0.00 0.00 0.00 1/%d %d\n", n, last);
}

static void
procfs_version(struct pfsbuf *pb)
{
	/* Linux's first words (what uname -r says), then Umbra's banner. */
	pfsbuf_printf(pb, "Linux version 6.1.0 (root@umbra) (clang) #1 %s\n",
	    version);
}

/* procfs_fill: see procfs.h. */
int
procfs_fill(enum pfstype type, pid_t pid, struct pfsbuf *pb)
{
	struct pfsproc ps;
	int error, what = 0;

	switch (type) {
	case PFS_MEMINFO:
		procfs_meminfo(pb);
		return (0);
	case PFS_MOUNTS:
		vfs_mount_foreach(procfs_mounts_one, pb);
		return (0);
	case PFS_CPUINFO:
		procfs_cpuinfo(pb);
		return (0);
	case PFS_UPTIME:
		procfs_uptime(pb);
		return (0);
	case PFS_LOADAVG:
		procfs_loadavg(pb);
		return (0);
	case PFS_VERSION:
		procfs_version(pb);
		return (0);
	case PFS_BOOTCMD:
		/* Linux's /proc/cmdline: the line, then a newline. */
		pfsbuf_printf(pb, "%s\n", kern_cmdline());
		return (0);
	case PFS_MAPS:
		what = PS_VM;
		break;
	case PFS_STATUS:
		what = PS_VM | PS_FD;
		break;
	case PFS_STAT:
		what = PS_VM;
		break;
	case PFS_CMDLINE:
		what = PS_ARGS;
		break;
	case PFS_COMM:
		what = 0;
		break;
	default:
		return (EINVAL);
	}
	error = pfsproc_get(pid, what, &ps);
	if (error != 0)
		return (error);
	switch (type) {
	case PFS_MAPS:
		procfs_maps(&ps, pb);
		break;
	case PFS_STATUS:
		procfs_status(&ps, pb);
		break;
	case PFS_STAT:
		procfs_stat(&ps, pb);
		break;
	case PFS_COMM:
		pfsbuf_printf(pb, "%s\n", ps.comm);	/* prctl's name */
		break;
	default:
		procfs_cmdline(&ps, pb);
		break;
	}
	pfsproc_done(&ps);
	return (0);
}

/* ---- links -------------------------------------------------------------- */

/* The open file behind descriptor fd of a held table, with a reference. */
static struct file *
procfs_fget(struct filedesc *fdp, int fd)
{
	struct file *fp = NULL;

	FILEDESC_SLOCK(fdp);
	if (fd >= 0 && fd < fdp->fd_nfiles &&
	    fdp->fd_ofiles[fd].fde_file != NULL)
		fp = fhold(fdp->fd_ofiles[fd].fde_file);
	FILEDESC_SUNLOCK(fdp);
	return (fp);
}

/* What fd/<n> points to: the file's path, or Linux's pseudo names. */
static int
procfs_fd_link(struct file *fp, char *buf, size_t len)
{
	switch (fp->f_type) {
	case DTYPE_PIPE:
		snprintf(buf, len, "pipe:[%lu]",
		    (u_long)(((uintptr_t)fp->f_data >> 4) & 0xffffffff));
		return (0);
	case DTYPE_TTY:
		strlcpy(buf, "/dev/console", len);
		return (0);
	default:
		if (fp->f_vnode != NULL &&
		    vn_name_get(fp->f_vnode, buf, len) == 0)
			return (0);
		snprintf(buf, len, "anon_inode:[%lu]", fp->f_vnode != NULL ?
		    (u_long)fp->f_vnode->v_hashid : 0ul);
		return (0);
	}
}

/* procfs_link: see procfs.h. */
int
procfs_link(const struct pfsnode *pn, char *buf, size_t len)
{
	struct pfsproc ps;
	struct file *fp;
	int error;

	switch (pn->pn_type) {
	case PFS_SELF:
		snprintf(buf, len, "%d", curproc->p_pid);
		return (0);
	case PFS_EXE:
		error = pfsproc_get(pn->pn_pid, PS_ARGS, &ps);
		if (error != 0)
			return (ENOENT);
		error = ps.args == NULL || ps.args->ar_path[0] == '\0' ?
		    ENOENT : 0;
		if (error == 0 && strlcpy(buf, ps.args->ar_path, len) >= len)
			error = ENAMETOOLONG;
		pfsproc_done(&ps);
		return (error);
	case PFS_FD:
		error = pfsproc_get(pn->pn_pid, PS_FD, &ps);
		if (error != 0)
			return (ENOENT);
		fp = ps.fdp != NULL ? procfs_fget(ps.fdp, pn->pn_fd) : NULL;
		pfsproc_done(&ps);
		if (fp == NULL)
			return (ENOENT);
		error = procfs_fd_link(fp, buf, len);
		(void)fdrop(fp, curthread);
		return (error);
	default:
		return (EINVAL);
	}
}

/* procfs_fd_next: see procfs.h. */
int
procfs_fd_next(pid_t pid, int fd)
{
	struct pfsproc ps;
	struct filedesc *fdp;
	int n = -1;

	if (fd < 0 || pfsproc_get(pid, PS_FD, &ps) != 0)
		return (-1);
	fdp = ps.fdp;
	if (fdp != NULL) {
		FILEDESC_SLOCK(fdp);
		for (; fd < fdp->fd_nfiles; fd++)
			if (fdp->fd_ofiles[fd].fde_file != NULL) {
				n = fd;
				break;
			}
		FILEDESC_SUNLOCK(fdp);
	}
	pfsproc_done(&ps);
	return (n);
}

/* procfs_fd_open: see procfs.h. */
bool
procfs_fd_open(pid_t pid, int fd)
{
	return (fd >= 0 && procfs_fd_next(pid, fd) == fd);
}
