# umbra.prog.mk: build user programs: each name in PROGS is one static
# Linux x86-64 executable made from NAME.c in the directory, with the host
# clang and glibc, exactly as an ordinary Linux program.  Programs and
# FILES (data files copied as they are) go to $(OBJDIR)/<dir>/, mirroring
# the source tree; tools/mkrescue.sh packs them into the boot module.
# Stripped: the boot module holds them in memory.  DPROGS are built the
# same way but dynamically linked (glibc's ld.so and libc.so.6, which
# tools/mkroot.sh copies into the root file system).  Headers shared by
# the test programs (tap.h, fault.h) are in tests/lib.
#
# Kyua's test suites, as FreeBSD's bsd.test.mk builds them, go to the
# tree $(OBJDIR)/usr/tests, which is /usr/tests in the guest
# (tools/mkroot.sh copies it) and what `make test-host` runs on the host:
#
#   ATF_TESTS_C         ATF test programs (atf-c, dynamic), from NAME.c
#                       built with -DTAP_ATF (tests/lib/tap.h: a TAP
#                       program's cases become ATF test cases)
#   ATF_TESTS_C_VARTMP  of those, the ones built a second time as
#                       NAME_vartmp (TMPDIR=/var/tmp: the root's ext2 in
#                       the guest, instead of Kyua's work directory on
#                       tmpfs)
#   ATF_TESTS_SH        atf-sh programs, from NAME.sh
#   TEST_METADATA.NAME  Kyua metadata for NAME, e.g. "timeout=30"
#
# and a Kyuafile listing them all is generated in the same directory.

include $(dir $(lastword $(MAKEFILE_LIST)))../../Makefile.inc

RELDIR	:= $(patsubst $(TOP)/%,%,$(CURDIR))
USER_CFLAGS += -I$(TOP)/tests/lib
POBJDIR	:= $(OBJDIR)/$(RELDIR)
# tests/sys/vm is /usr/tests/sys/vm.
TESTSDIR := $(OBJDIR)/usr/$(RELDIR)
VARTMP	:= $(patsubst %_test,%_vartmp_test,$(ATF_TESTS_C_VARTMP))
ATF_ALL	:= $(ATF_TESTS_C) $(VARTMP) $(ATF_TESTS_SH)

all: $(addprefix $(POBJDIR)/,$(PROGS) $(DPROGS) $(FILES))
ifneq ($(filter tests/%,$(RELDIR)),)
all: $(addprefix $(TESTSDIR)/,$(ATF_ALL) Kyuafile)
endif

ATF_CFLAGS = $(filter-out -static,$(USER_CFLAGS)) -DTAP_ATF

$(addprefix $(TESTSDIR)/,$(ATF_TESTS_C)): $(TESTSDIR)/%: $(CURDIR)/%.c
	@mkdir -p $(dir $@) $(POBJDIR)
	@echo "  USERCC  $(RELDIR)/$(notdir $<) (atf-c)"
	$(Q)$(CC) $(ATF_CFLAGS) -MMD -MP -MF $(POBJDIR)/$(notdir $@).atf.d -o $@ $< \
	    -latf-c -lpthread

$(addprefix $(TESTSDIR)/,$(VARTMP)): $(TESTSDIR)/%_vartmp_test: $(CURDIR)/%_test.c
	@mkdir -p $(dir $@) $(POBJDIR)
	@echo "  USERCC  $(RELDIR)/$(notdir $<) (atf-c, TMPDIR=/var/tmp)"
	$(Q)$(CC) $(ATF_CFLAGS) -DTAP_TMPDIR='"/var/tmp"' -MMD -MP \
	    -MF $(POBJDIR)/$(notdir $@).atf.d -o $@ $< -latf-c -lpthread

$(addprefix $(TESTSDIR)/,$(ATF_TESTS_SH)): $(TESTSDIR)/%: $(CURDIR)/%.sh
	@mkdir -p $(dir $@)
	$(Q)install -m 0555 $< $@

# The Kyuafile: one line a program, with its TEST_METADATA.
$(TESTSDIR)/Kyuafile: $(CURDIR)/Makefile $(lastword $(MAKEFILE_LIST))
	@mkdir -p $(dir $@)
	$(Q){ echo '-- Generated from $(RELDIR)/Makefile by share/mk/umbra.prog.mk.'; \
	  echo 'syntax(2)'; echo; echo 'test_suite("umbra")'; echo; \
	  $(foreach t,$(ATF_ALL),echo 'atf_test_program{name="$(t)"$(if \
	    $(TEST_METADATA.$(t)),$(comma) $(TEST_METADATA.$(t)))}';) \
	} >$@.tmp && mv $@.tmp $@

comma := ,

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
