/* Fixture: reaches a PV header by a relative path. */
#include "../arch/x86/include/asm/pv/pv.h"
int relative(void) { return 0; }
