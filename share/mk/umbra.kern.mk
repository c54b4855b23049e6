# umbra.kern.mk: build a kernel from SRCS (paths relative to sys/) with the
# linker script LDSCRIPT.  Objects go to $(OBJDIR)/sys, mirroring the
# source tree; -MMD dependency files make header changes rebuild what
# includes them.
#
# The link is two-pass: kernel.pass1 is linked without symbols for
# backtraces, tools/ksyms.sh lists its text symbols into ksyms.S, and the
# final kernel links that in (the .ksyms section is last, so no address
# moves).  vers.c (the banner) is regenerated at each link.

include $(dir $(lastword $(MAKEFILE_LIST)))../../Makefile.inc

KOBJDIR	= $(OBJDIR)/sys
KOBJS	= $(addprefix $(KOBJDIR)/,$(addsuffix .o,$(basename $(SRCS))))
KERNEL_BIN = $(KOBJDIR)/$(KERNEL)

all: $(KERNEL_BIN)

$(OBJDIR)/include/machine:
	@mkdir -p $(OBJDIR)/include
	$(Q)ln -sfn $(SYSDIR)/amd64/include $@

$(KOBJDIR)/%.o: $(SYSDIR)/%.c | $(OBJDIR)/include/machine
	@mkdir -p $(dir $@)
	@echo "  CC      $(<:$(SYSDIR)/%=%)"
	$(Q)$(CC) $(KERN_CFLAGS) -MMD -MP -c $< -o $@

$(KOBJDIR)/%.o: $(SYSDIR)/%.S | $(OBJDIR)/include/machine
	@mkdir -p $(dir $@)
	@echo "  AS      $(<:$(SYSDIR)/%=%)"
	$(Q)$(CC) $(KERN_ASFLAGS) -MMD -MP -c $< -o $@

$(KOBJDIR)/vers.o: $(KOBJS) $(TOP)/tools/newvers.sh
	$(Q)$(TOP)/tools/newvers.sh $(KOBJDIR)/vers.c
	$(Q)$(CC) $(KERN_CFLAGS) -c $(KOBJDIR)/vers.c -o $@

$(KOBJDIR)/$(KERNEL).pass1: $(KOBJS) $(KOBJDIR)/vers.o $(LDSCRIPT)
	@echo "  LD      $(notdir $@)"
	$(Q)$(LD) $(KERN_LDFLAGS) -T $(LDSCRIPT) -o $@ $(KOBJS) $(KOBJDIR)/vers.o

$(KOBJDIR)/ksyms.o: $(KOBJDIR)/$(KERNEL).pass1 $(TOP)/tools/ksyms.sh
	@echo "  KSYMS   $(notdir $<)"
	$(Q)NM=$(NM) $(TOP)/tools/ksyms.sh $< $(KOBJDIR)/ksyms.S
	$(Q)$(CC) $(KERN_ASFLAGS) -c $(KOBJDIR)/ksyms.S -o $@

$(KERNEL_BIN): $(KOBJDIR)/ksyms.o
	@echo "  LD      $(notdir $@)"
	$(Q)$(LD) $(KERN_LDFLAGS) -T $(LDSCRIPT) -o $@.tmp $(KOBJS) \
	    $(KOBJDIR)/vers.o $(KOBJDIR)/ksyms.o
	@# The second link must not move anything the symbols describe.
	@$(NM) -n --defined-only $(KOBJDIR)/$(KERNEL).pass1 | grep -i ' t ' > $@.syms1
	@$(NM) -n --defined-only $@.tmp | grep -i ' t ' > $@.syms2
	@cmp -s $@.syms1 $@.syms2 || { echo "kernel: symbols moved between link passes" >&2; exit 1; }
	$(Q)mv $@.tmp $@

-include $(KOBJS:.o=.d)

.PHONY: all
