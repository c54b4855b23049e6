/*
 * kern_fork_test.c: in-kernel tests of an address space shared by two
 * processes (CLONE_VM, kern_fork.c): the sharer's exit or exec drops its
 * reference (dvmspace_free) and leaves the space to the other holder,
 * with its contents, and clears the vfork link (fork_ppwake).
 *
 * The test thread holds the space, as a vfork parent would; a process
 * from proc_spawn takes it as its own (a CLONE_VM child: one more
 * reference, its page tables loaded, a store through copyout), links
 * itself to the test thread as its vfork parent, and then exits or
 * execs (exec_new_vmspace, the step of exec that replaces the space).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/imgact.h>
#include <sys/ktest.h>
#include <sys/proc.h>
#include <sys/sched.h>
#include <sys/vmmeter.h>

#include <vm/vm.h>
#include <vm/vm_direct.h>
#include <vm/vm_fault.h>

#include <machine/pmap.h>
#include <machine/vmparam.h>

#define KF_VA		0x10000ul	/* the shared page */
#define KF_PARENT	0x5a5a5a5a	/* stored by the holder */
#define KF_CHILD	0x3c3c3c3c	/* stored by the child */

struct kf_child {
	struct dvmspace	*vm;		/* the space to share */
	struct thread	*parent;	/* the thread playing the parent */
	bool		exec;		/* exec instead of exit */
	/* What the child saw. */
	int		store_error;	/* copyout into the shared page */
	int		exec_error;	/* exec_new_vmspace */
	bool		new_space;	/* exec gave it another space */
	u_int		refs_after_exec; /* the shared space's references */
	bool		unlinked;	/* the link gone after exec */
};

/* The child: share the space, store, then exit or exec and exit. */
static void
kf_child_main(void *arg)
{
	struct kf_child *kc = arg;
	struct thread *td = curthread;
	struct proc *p = td->td_proc;
	struct image_params img;
	uint32_t v = KF_CHILD;

	mtx_lock(&proctree_lock);
	p->p_vforkparent = kc->parent;
	kc->parent->td_vforkchild = p;
	mtx_unlock(&proctree_lock);
	p->p_vmspace = dvmspace_ref(kc->vm);
	critical_enter();
	td->td_pcb.pcb_cr3 = dvmspace_pmap(kc->vm)->pm_cr3;
	dvmspace_activate(kc->vm);
	critical_exit();
	kc->store_error = copyout(&v, (void *)(KF_VA + sizeof(v)), sizeof(v));
	if (kc->exec) {
		memset(&img, 0, sizeof(img));
		img.td = td;
		kc->exec_error = exec_new_vmspace(&img);
		kc->new_space = p->p_vmspace != kc->vm;
		kc->refs_after_exec = kc->vm->dvm_refcnt;
		kc->unlinked = p->p_vforkparent == NULL &&
		    kc->parent->td_vforkchild == NULL;
	}
	exit1(td, 0, 0);
}

/* The shared page's word at off, through the holder's page tables. */
static uint32_t
kf_read(struct dvmspace *vm, vm_offset_t off)
{
	vm_paddr_t pa;

	if (vm_fault(dvmspace_map(vm), KF_VA, VM_PROT_READ, 0) != 0)
		return (0);
	pa = pmap_extract(dvmspace_pmap(vm), KF_VA);
	return (pa == 0 ? 0 : *(uint32_t *)PHYS_TO_DMAP(pa + off));
}

static void
kf_run(struct ktest_ctx *kt, bool exec)
{
	struct kf_child kc;
	struct proc *p;
	uint32_t v = KF_PARENT;
	pid_t pid;
	int status;

	memset(&kc, 0, sizeof(kc));
	kc.parent = curthread;
	kc.exec = exec;
	kc.vm = dvmspace_alloc();
	KT_ASSERT(kt, kc.vm != NULL);
	KT_EXPECT_EQ(kt, kc.vm->dvm_refcnt, 1);
	KT_ASSERT_EQ(kt, user_map_anon(kc.vm, KF_VA, PAGE_SIZE,
	    VM_PROT_READ | VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(kt, dvm_copy_to(kc.vm, KF_VA, &v, sizeof(v)), 0);
	KT_ASSERT_EQ(kt, proc_spawn(&proc0, kf_child_main, &kc, "ktfork", 0,
	    &p), 0);
	KT_ASSERT_EQ(kt, kern_wait4(curthread, p->p_pid, &status, 0, &pid, NULL),
	    0);
	KT_EXPECT_EQ(kt, status, 0);
	KT_EXPECT_EQ(kt, kc.store_error, 0);
	if (exec) {
		KT_EXPECT_EQ(kt, kc.exec_error, 0);
		KT_EXPECT(kt, kc.new_space);
		KT_EXPECT_EQ(kt, kc.refs_after_exec, 1);
		KT_EXPECT(kt, kc.unlinked);
	}
	/* The space is the holder's alone again, with both stores. */
	KT_EXPECT_EQ(kt, kc.vm->dvm_refcnt, 1);
	KT_EXPECT(kt, curthread->td_vforkchild == NULL);
	KT_EXPECT_EQ(kt, kf_read(kc.vm, 0), KF_PARENT);
	KT_EXPECT_EQ(kt, kf_read(kc.vm, sizeof(v)), KF_CHILD);
	KT_EXPECT(kt, user_range_mapped(kc.vm, KF_VA, PAGE_SIZE));
	dvmspace_free(kc.vm);
}

/* A CLONE_VM child's exit leaves the space to its parent. */
KTEST(fork, shared_space_survives_exit)
{
	kf_run(kt, false);
}

/* A CLONE_VM child's exec gives it a new space; the old one stays. */
KTEST(fork, shared_space_survives_exec)
{
	kf_run(kt, true);
}

/* References: each holder's free drops one; the last frees the pages. */
KTEST(fork, dvmspace_refs)
{
	struct dvmspace *vm;
	u_int before;
	int i;

	for (i = 0; i < 2; i++) {	/* the second run: zones warm */
		before = vm_cnt.v_free_count;
		vm = dvmspace_alloc();
		KT_ASSERT(kt, vm != NULL);
		KT_ASSERT_EQ(kt, user_map_anon(vm, KF_VA, 4 * PAGE_SIZE,
		    VM_PROT_READ | VM_PROT_WRITE), 0);
		KT_ASSERT_EQ(kt, vm_fault(dvmspace_map(vm), KF_VA,
		    VM_PROT_WRITE, 0), 0);
		KT_EXPECT(kt, dvmspace_ref(vm) == vm);
		KT_EXPECT_EQ(kt, vm->dvm_refcnt, 2);
		dvmspace_free(vm);
		KT_EXPECT_EQ(kt, vm->dvm_refcnt, 1);
		KT_EXPECT(kt, pmap_extract(dvmspace_pmap(vm), KF_VA) != 0);
		dvmspace_free(vm);
	}
	KT_EXPECT_EQ(kt, vm_cnt.v_free_count, before);
}
