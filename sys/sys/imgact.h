/*
 * imgact.h: what exec knows about the program it is loading
 * (sys/kern/kern_exec.c, the ELF activator sys/kern/imgact_elf.c).
 */
#ifndef _SYS_IMGACT_H_
#define _SYS_IMGACT_H_

#include <sys/types.h>

struct proc;
struct sysentvec;
struct thread;
struct vnode;

/*
 * The arguments and environment of a new image, copied into one kernel
 * buffer: argc NUL-terminated strings, then envc more.
 */
struct image_args {
	char		*buf;		/* ARG_MAX bytes */
	size_t		len;		/* used */
	int		argc;
	int		envc;
	const char	*fname;		/* the path, in buf (first) */
};

#define ARG_MAX		(256 * 1024)	/* argument + environment bytes */

struct image_params {
	struct thread	*td;
	const char	*fname;		/* the path being executed */
	struct vnode	*vp;		/* the file (referenced), or NULL:
					   a boot-module image in memory */
	uint64_t	file_size;	/* its size */
	const void	*image;		/* the boot module's bytes */
	size_t		image_size;
	struct sysentvec *sysent;	/* the ABI the brand chose */
	vm_offset_t	reloc_base;	/* load bias (ET_DYN), else 0 */
	vm_offset_t	entry_addr;	/* the program's entry (AT_ENTRY) */
	vm_offset_t	start_addr;	/* where user code starts: the
					   interpreter's entry, or entry_addr */
	vm_offset_t	interp_base;	/* the interpreter's base (AT_BASE),
					   0 without one */
	vm_offset_t	phdr_addr;	/* program headers in user memory */
	u_int		phnum;
	u_int		phentsize;
	vm_offset_t	end_addr;	/* end of the highest segment */
	vm_offset_t	execfn_addr;	/* path string on the user stack */
	vm_offset_t	random_addr;	/* 16 random bytes on the stack */
	vm_offset_t	platform_addr;	/* sv_platform on the stack, or 0 */
	bool		vmspace_destroyed; /* the old image is gone: a failure
					   now ends the process */
};

int	exec_copyin_args(struct image_args *args, const char *ufname,
	    vm_offset_t argv, vm_offset_t envv);
int	exec_kernel_args(struct image_args *args, const char *fname,
	    const char *const *argv, const char *const *envv);
void	exec_free_args(struct image_args *args);
int	kern_execve(struct thread *td, struct image_args *args);
int	exec_new_vmspace(struct image_params *imgp);
int	exec_map_segment(struct image_params *imgp, vm_offset_t va,
	    vm_size_t memsz, const void *data, size_t filesz, int prot);
int	exec_map_file(struct image_params *imgp, struct vnode *vp,
	    vm_offset_t va, vm_size_t memsz, uint64_t off, size_t filesz,
	    int prot);
int	exec_open_file(struct thread *td, const char *path,
	    struct vnode **vpp, uint64_t *sizep);
void	exec_text_release(struct vnode *vp);
void	exec_text_dup(struct vnode *vp);

/* imgact_elf.c */
int	exec_elf_imgact(struct image_params *imgp);

/* Machine-dependent (machdep.c). */
void	exec_setregs(struct thread *td, struct image_params *imgp,
	    uintptr_t stack);

#endif /* !_SYS_IMGACT_H_ */
