/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_ASM_HYP_IMAGE_H
#define SIM_FAKE_ASM_HYP_IMAGE_H

/* nVHE symbols carry a prefix in the kernel image; here they are plain. */
#define kvm_nvhe_sym(sym)	sym

#endif
