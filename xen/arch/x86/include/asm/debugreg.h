/* SPDX-License-Identifier: GPL-2.0 */
/* Debug register bits (Intel SDM vol. 3, 18.2). */
#ifndef ASM_DEBUGREG_H
#define ASM_DEBUGREG_H

#define DR6_RESERVED_ONE  0xffff0ff0UL   /* read as one; also DR6's reset value */
#define DR6_BS            0x00004000UL   /* single step */
#define DR6_RESERVED_ZERO 0x00001000UL   /* bit 12 reads as zero */
#define DR7_RESERVED_ONE  0x00000400UL   /* bit 10; also DR7's reset value */
#define DR7_RESERVED_ZERO 0x0000d800UL   /* bits 11, 12, 14, 15 */
#define DR7_GD            0x00002000UL   /* general detect */

#endif
