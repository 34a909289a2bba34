/* SPDX-License-Identifier: GPL-2.0 */
/* panic: say why, then end the machine with a failure status. */
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

void panic(const char *fmt, ...)
{
	static int panicking;
	char buf[256];
	va_list ap;

	if (__atomic_fetch_add(&panicking, 1, __ATOMIC_SEQ_CST))
		machine_exit(1);   /* a panic while panicking: just stop */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(XENLOG_ERR "\n****************************************\n");
	printk(XENLOG_ERR "Panic: %s\n", buf);
	printk(XENLOG_ERR "****************************************\n");
	machine_exit(1);
}
