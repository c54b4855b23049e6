# umbra.prog.mk: build user programs: each name in PROGS is one static
# Linux x86-64 executable made from NAME.c in the directory, with the host
# clang and glibc, exactly as an ordinary Linux program.  Programs and
# FILES (data files copied as they are) go to $(OBJDIR)/<dir>/, mirroring
# the source tree; tools/mkrescue.sh packs them into the boot module.
# Stripped: the boot module holds them in memory.  DPROGS are built the
# same way but dynamically linked (glibc's ld.so and libc.so.6, which
# tools/mkroot.sh copies into the root file system).  ATFPROGS are ATF
# test programs (atf-c), dynamic too, linked with the host's libatf-c
# (libatf-dev) and run in the guest against Debian's libatf-c.so.1 by
# Kyua from /usr/tests.  Headers shared by
# the test programs (tap.h, fault.h) are in tests/lib.

include $(dir $(lastword $(MAKEFILE_LIST)))../../Makefile.inc

RELDIR	:= $(patsubst $(TOP)/%,%,$(CURDIR))
USER_CFLAGS += -I$(TOP)/tests/lib
POBJDIR	:= $(OBJDIR)/$(RELDIR)

all: $(addprefix $(POBJDIR)/,$(PROGS) $(DPROGS) $(ATFPROGS) $(FILES))

$(addprefix $(POBJDIR)/,$(ATFPROGS)): $(POBJDIR)/%: $(CURDIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  USERCC  $(RELDIR)/$(notdir $<) (atf-c)"
	$(Q)$(CC) $(filter-out -static,$(USER_CFLAGS)) -MMD -MP -o $@ $< -latf-c

$(addprefix $(POBJDIR)/,$(DPROGS)): $(POBJDIR)/%: $(CURDIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  USERCC  $(RELDIR)/$(notdir $<) (dynamic)"
	$(Q)$(CC) $(filter-out -static,$(USER_CFLAGS)) -MMD -MP -o $@ $<

$(POBJDIR)/%: $(CURDIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  USERCC  $(RELDIR)/$(notdir $<)"
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -o $@ $<

$(addprefix $(POBJDIR)/,$(FILES)): $(POBJDIR)/%: $(CURDIR)/%
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

-include $(wildcard $(POBJDIR)/*.d)

.PHONY: all
