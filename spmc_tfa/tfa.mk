# SPDX-License-Identifier: GPL-2.0-only
#
# Included by proxy/variant.mk for an SPMC=tf-a variant: compiles TF-A's
# EL3 SPMC and SPMD from $(TFA_SRC) unmodified, and ffa-sim's platform port
# and conduit in spmc_tfa/, into one relocatable object whose globals sit
# in sections of their own (tfa_data, tfa_bss) so that a new EL3 in the
# same process can start from TF-A's boot state (state.c).

TFA_UNITS := services/std_svc/spm/el3_spmc/spmc_main.c \
	     services/std_svc/spm/el3_spmc/spmc_shared_mem.c \
	     services/std_svc/spm/el3_spmc/spmc_setup.c \
	     services/std_svc/spm/el3_spmc/spmc_pm.c \
	     services/std_svc/spm/el3_spmc/logical_sp.c \
	     services/std_svc/spmd/spmd_main.c \
	     services/std_svc/spmd/spmd_pm.c \
	     services/std_svc/spmd/spmd_logical_sp.c \
	     common/uuid.c
# 2.8 has no SPMD logical partitions.
TFA_UNITS := $(foreach u,$(TFA_UNITS),$(if $(wildcard $(TFA_SRC)/$(u)),$(u)))
TFA_PORT_SRCS := $(wildcard spmc_tfa/*.c)

# As TF-A builds BL31 for SPD=spmd SPMC_AT_EL3=1; __aarch64__ selects the
# AArch64 structure layouts its compile-time asserts check.
TFA_DEFS := -D__aarch64__=1 -DIMAGE_BL31 -DSPD_spmd=1 -DSPMC_AT_EL3=1 \
	    -DSPMD_SPM_AT_SEL2=0 -DSPMC_AT_EL3_SEL0_SP=0 \
	    -DPLAT_XLAT_TABLES_DYNAMIC=1 -DNR_OF_FW_BANKS=2 \
	    -DNR_OF_IMAGES_IN_FW_BANK=1 -DENABLE_ASSERTIONS=1 -DLOG_LEVEL=40
TFA_INC_DIRS := $(TFA_SRC)/include $(TFA_SRC)/include/arch/aarch64 \
		$(TFA_SRC)/include/lib/cpus/aarch64 \
		$(TFA_SRC)/include/lib/el3_runtime/aarch64 \
		$(TFA_SRC)/include/lib/libfdt \
		$(TFA_SRC)/services/std_svc/spm/common/include \
		$(TFA_SRC)/services/std_svc/spm/el3_spmc
TFA_PRELUDE := -include spmc_tfa/host_prelude.h
# TF-A's code gets what Kbuild gives ffa.c: -Wall, not -Wextra.
TFA_CFLAGS := $(BASEFLAGS) -Wall -Werror -fno-strict-aliasing $(TFA_PRELUDE) \
	      -Ispmc_tfa/include $(addprefix -I,$(TFA_INC_DIRS)) $(TFA_DEFS)
# Our port is ours: -Wextra, with TF-A's headers as system headers.
TFA_PORT_CFLAGS := $(CFLAGS_OURS) $(TFA_PRELUDE) -Ispmc_tfa/include -I$(VDIR)/gen \
		   $(addprefix -isystem ,$(TFA_INC_DIRS)) $(TFA_DEFS) \
		   -DTFA_VERSION_STRING='"$(TFA_VERSION)"' \
		   -DSIM_TFA_MINOR=$(word 2,$(subst ., ,$(TFA_VERSION)))

TFA_OBJS := $(patsubst %.c,$(OBJ)/tfa/%.o,$(TFA_UNITS))
TFA_PORT_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(TFA_PORT_SRCS))
TFA_EL3 := $(OBJ)/tfa/tfa-el3.o

$(OBJ)/tfa/%.o: $(TFA_SRC)/%.c $(VDIR)/variant.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(TFA_CFLAGS) -c $< -o $@

# The datastore's state is the one global TF-A's shared-memory header
# declares (extern struct NAME NAME;): its name is read from the tree,
# as values are read from the kernel trees, not written here.
TFA_SHMEM_H := $(TFA_SRC)/services/std_svc/spm/el3_spmc/spmc_shared_mem.h
TFA_DATASTORE_H := $(VDIR)/gen/generated/tfa_datastore.h

$(TFA_DATASTORE_H): $(TFA_SHMEM_H)
	@mkdir -p $(dir $@)
	$(Q)name=$$(sed -n 's/^extern struct \([a-z_]*\) \1;$$/\1/p' $<); \
	[ -n "$$name" ] || { echo "$<: no 'extern struct NAME NAME;' for the datastore" >&2; exit 1; }; \
	printf '/* Generated from %s: do not edit. */\n#define TFA_DATASTORE_STATE %s\n' \
		'$<' "$$name" > $@

$(OBJ)/spmc_tfa/state.o: $(TFA_DATASTORE_H)

$(OBJ)/spmc_tfa/%.o: spmc_tfa/%.c $(VDIR)/variant.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(TFA_PORT_CFLAGS) -c $< -o $@

# TF-A's writable globals move to tfa_data/tfa_bss; ours stay where they are.
$(TFA_EL3): $(TFA_OBJS)
	$(call say,LD,$@)
	$(Q)$(LD) -r -o $@.tmp $^
	$(Q)objcopy --rename-section .data=tfa_data \
		--rename-section .data.rel=tfa_data \
		--rename-section .data.rel.local=tfa_data \
		--rename-section .bss=tfa_bss $@.tmp $@
	@rm -f $@.tmp
