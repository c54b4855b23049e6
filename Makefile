# Umbra's top-level Makefile.  `make run` and `make test` are all a user
# needs on a fresh Debian 12 machine: both install missing packages
# (tools/deps.sh), build, and boot.  See README.md for every target.

include Makefile.inc

KERNEL_BIN	= $(OBJDIR)/sys/kernel
IMAGE		= $(OBJDIR)/disk.img
# The same root with 1 KiB blocks (what mke2fs picks for small file
# systems): make test boots it once, so both block sizes are exercised.
IMAGE1K		= $(OBJDIR)/disk1k.img
STAGE		= $(OBJDIR)/stage
TESTDIR		= $(OBJDIR)/test
RESDIR		= $(TESTDIR)/results
RESCUE		= $(OBJDIR)/rescue.cpio
# Directories of user programs (share/mk/umbra.prog.mk), packed into the
# boot module.
USERDIRS	= bin/init tests/sys/kern tests/sys/vm tests/sys/fs tests/sys/compat \
		  tests/harness
# Kyua's test tree (share/mk/umbra.prog.mk), /usr/tests in the guest.
TESTSTREE	= $(OBJDIR)/usr/tests

# Guest run time limit for test boots, in seconds (TCG).
TEST_TIMEOUT	?= 120
# The boots that run the user test suites (the plain programs, Kyua's
# suite, the shell session) take longer: about 70 s and 40 s here, more
# on a slower or busier machine; the limit only catches hangs.
SUITE_TIMEOUT	?= 400
# 1 (the default): make test also runs the guest's Kyua suite
# (tools/kyua-test.sh: /usr/tests under the real Kyua, inside Umbra).
KYUA_GUEST	?= 1
# Kernel arguments for `make run`: by default init (bin/init) starts and
# gives a busybox shell on the console; e.g. ARGS="umbra.init=1
# umbra.verbose=1", or ARGS='umbra.test=vm_phys.*' for in-kernel tests.
ARGS		?= umbra.init=1

all: kernel userland image unit

deps:
	@$(TOP)/tools/deps.sh

kernel: $(KERNEL_BIN)

# Recursive make decides whether the kernel is out of date; GNU make
# re-reads its time stamp afterwards, so the image is rebuilt only when
# the kernel (or the image script) changed.
$(KERNEL_BIN): FORCE
	@$(MAKE) --no-print-directory -C sys/conf

# User programs, and the boot module made of them.  The recursive makes
# always run; the archive is rebuilt when a program or the list changed.
userland: FORCE
	@for d in $(USERDIRS); do \
		$(MAKE) --no-print-directory -C $$d || exit 1; \
	done
	@install -D -m 0444 $(TOP)/tests/Kyuafile $(TESTSTREE)/Kyuafile
	@install -D -m 0444 $(TOP)/tests/sys/Kyuafile $(TESTSTREE)/sys/Kyuafile

$(RESCUE): userland $(TOP)/tools/mkrescue.sh
	@if [ ! -f $@ ] || [ -n "$$(find $(addprefix $(OBJDIR)/,$(USERDIRS)) \
	    $(TOP)/tools/mkrescue.sh -newer $@ -type f 2>/dev/null | head -1)" ]; then \
		$(TOP)/tools/mkrescue.sh $(OBJDIR) $@; \
	fi

# Touched when anything in Kyua's test tree changed: the image copies it.
TESTSSTAMP	= $(OBJDIR)/usr/tests.stamp
$(TESTSSTAMP): userland
	@if [ ! -f $@ ] || [ -n "$$(find $(TESTSTREE) -newer $@ -type f \
	    2>/dev/null | head -1)" ]; then \
		touch $@; \
	fi

image: $(IMAGE)

# The root's staging tree: the Debian userland (tools/debroot.sh, packages
# cached in obj/deb), Umbra's programs, /etc; then the image.
$(IMAGE): $(KERNEL_BIN) $(RESCUE) $(TESTSSTAMP) $(TOP)/tools/mkimage.sh $(TOP)/tools/mkroot.sh \
    $(TOP)/tools/debroot.sh $(TOP)/tools/elfcheck.sh
	@$(TOP)/tools/mkroot.sh $(OBJDIR) $(STAGE)
	@RESCUE=$(RESCUE) $(TOP)/tools/mkimage.sh $(KERNEL_BIN) $(STAGE) $@

$(IMAGE1K): $(IMAGE)
	@ROOT_BSIZE=1024 RESCUE=$(RESCUE) $(TOP)/tools/mkimage.sh $(KERNEL_BIN) $(STAGE) $@

unit:
	@$(MAKE) --no-print-directory -C tests/unit

# Kyua's test tree (/usr/tests in the guest) on the Linux host: the same
# programs, Linux's semantics.  Inside `make test` too.
test-host: deps userland
	@rm -rf $(TESTDIR)/test-host.res
	@mkdir -p $(TESTDIR)
	@$(TOP)/tools/test-host.sh $(TESTSTREE) $(TESTDIR)/test-host.res
	@$(TOP)/tools/results.sh $(TESTDIR)/test-host.res

# The image given to QEMU is a copy holding ARGS, so the built image stays
# pristine and ARGS never leaks into the next run.  `poweroff` in the
# guest ends QEMU with 33 (a clean power-off: tools/qemu.sh).
run: deps all
	@mkdir -p $(TESTDIR)
	@cp --sparse=always $(IMAGE) $(TESTDIR)/run.img
	@$(TOP)/tools/setargs.sh $(TESTDIR)/run.img '$(ARGS)'
	@$(TOP)/tools/qemu.sh $(TESTDIR)/run.img || [ $$? -eq 33 ]

debug: deps all
	@mkdir -p $(TESTDIR)
	@cp --sparse=always $(IMAGE) $(TESTDIR)/run.img
	@$(TOP)/tools/setargs.sh $(TESTDIR)/run.img '$(ARGS)'
	@KERNEL_DEBUG=$(KERNEL_BIN) $(TOP)/tools/qemu.sh --debug $(TESTDIR)/run.img

# make test: host unit tests, Kyua's test tree on the host (test-host),
# in-kernel tests in the guest (256 MiB, and the smallest and a large
# memory size; the smallest on the image whose root has 1 KiB blocks),
# the user test programs in the guest as plain programs (umbra.utest=1),
# the harness's own tests, the durability test (msync, then QEMU
# killed), with KYUA_GUEST=1 the guest's Kyua suite (bin/init's test
# mode) and a user's session typed at the guest's shell (shell-test),
# e2fsck, then the summary line `N passed, N failed`.
test: deps all $(IMAGE1K)
	@rm -rf $(RESDIR) && mkdir -p $(RESDIR)
	@$(TOP)/tools/unit.sh $(OBJDIR)/tests/unit $(RESDIR)/unit.res
	@$(TOP)/tools/test-host.sh $(TESTSTREE) $(RESDIR)/test-host.res
	@TIMEOUT=$(TEST_TIMEOUT) $(TOP)/tools/ktest.sh $(IMAGE) ktest \
	    'umbra.test=all' $(RESDIR)/kernel.res
	@MEM=64M KTEST_PREFIX=kernel-64M TIMEOUT=$(TEST_TIMEOUT) $(TOP)/tools/ktest.sh $(IMAGE1K) \
	    ktest-64M 'umbra.test=all' $(RESDIR)/kernel-64M.res
	@MEM=4G KTEST_PREFIX=kernel-4G TIMEOUT=$(TEST_TIMEOUT) $(TOP)/tools/ktest.sh $(IMAGE) \
	    ktest-4G 'umbra.test=all' $(RESDIR)/kernel-4G.res
	@KTEST_PREFIX=user TIMEOUT=$(SUITE_TIMEOUT) $(TOP)/tools/ktest.sh $(IMAGE) \
	    utest 'umbra.utest=1' $(RESDIR)/utest.res
	@TIMEOUT=$(TEST_TIMEOUT) $(TOP)/tools/harness-test.sh $(IMAGE) \
	    $(RESDIR)/harness.res
	@TIMEOUT=$(TEST_TIMEOUT) $(TOP)/tools/durability-test.sh $(IMAGE) \
	    $(OBJDIR)/tests/sys/vm/durable_test $(RESDIR)/durability.res
	@if [ "$(KYUA_GUEST)" = 1 ]; then \
		OBJTEST=$(TESTDIR) TIMEOUT=$(SUITE_TIMEOUT) \
		    $(TOP)/tools/kyua-test.sh $(IMAGE) $(RESDIR)/kyua.res; \
		OBJTEST=$(TESTDIR) TIMEOUT=$(SUITE_TIMEOUT) \
		    $(TOP)/tools/shell-test.sh $(IMAGE) $(RESDIR)/shell.res; \
	fi
	@$(TOP)/tools/fsck.sh $(IMAGE) image $(RESDIR)/fsck.res
	@$(TOP)/tools/results.sh $(RESDIR)/*.res

clean:
	rm -rf $(OBJDIR)

.PHONY: all deps kernel userland image unit test-host run debug test clean FORCE
FORCE:
