# umbra.hosttest.mk: build host unit-test programs (TESTS) that link
# kernel sources (<prog>_KSRCS, relative to sys/) compiled for the host.
#
# Kernel objects are built with the kernel's own headers (freestanding,
# -nostdinc), then the kernel's libc-named functions (printf, memcpy ...,
# listed in kern-renames) are renamed to k_<name> with objcopy, so they
# cannot collide with the C library the ATF program uses.  The test
# programs see those functions as k_<name> (kshim.h) and everything else
# under its kernel name.  <prog>_KSHIMS are files of the test directory
# built the same way as kernel sources: the glue a kernel file expects
# around it (locks, hooks), with plain-C accessors for the test.

include $(dir $(lastword $(MAKEFILE_LIST)))../../Makefile.inc

UOBJDIR	= $(OBJDIR)/tests/unit
RENAMES	= $(CURDIR)/kern-renames

all: $(addprefix $(UOBJDIR)/,$(TESTS)) $(UOBJDIR)/Kyuafile

$(OBJDIR)/include/machine:
	@mkdir -p $(OBJDIR)/include
	$(Q)ln -sfn $(SYSDIR)/amd64/include $@

$(UOBJDIR)/k/%.o: $(SYSDIR)/%.c $(RENAMES) | $(OBJDIR)/include/machine
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $(<:$(SYSDIR)/%=%)"
	$(Q)$(CC) $(HOSTKERN_CFLAGS) -MMD -MP -MT $@ -c $< -o $@.raw
	$(Q)$(OBJCOPY) --redefine-syms=$(RENAMES) $@.raw $@

$(UOBJDIR)/ks/%.o: $(CURDIR)/%.c $(RENAMES) | $(OBJDIR)/include/machine
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  tests/unit/$(notdir $<) (kernel headers)"
	$(Q)$(CC) $(HOSTKERN_CFLAGS) -MMD -MP -MT $@ -c $< -o $@.raw
	$(Q)$(OBJCOPY) --redefine-syms=$(RENAMES) $@.raw $@

$(UOBJDIR)/%.o: $(CURDIR)/%.c | $(OBJDIR)/include/machine
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  tests/unit/$(notdir $<)"
	$(Q)$(CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

define test_program
$(UOBJDIR)/$(1): $(UOBJDIR)/$(1).o $(UOBJDIR)/kshim.o \
    $(addprefix $(UOBJDIR)/k/,$(addsuffix .o,$(basename $($(1)_KSRCS)))) \
    $(addprefix $(UOBJDIR)/ks/,$(addsuffix .o,$(basename $($(1)_KSHIMS))))
	@echo "  LINK    tests/unit/$(1)"
	$(Q)$(CC) -o $$@ $$^ $(HOST_LIBS)
endef
$(foreach t,$(TESTS),$(eval $(call test_program,$(t))))

$(UOBJDIR)/Kyuafile: $(CURDIR)/Kyuafile
	@mkdir -p $(UOBJDIR)
	$(Q)cp $< $@

-include $(wildcard $(UOBJDIR)/*.d $(UOBJDIR)/ks/*.d $(UOBJDIR)/k/*/*.d \
    $(UOBJDIR)/k/*/*/*.d)

.PHONY: all
