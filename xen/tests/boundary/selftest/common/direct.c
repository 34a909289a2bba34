/* Fixture: includes a PV header directly. */
#include <asm/pv/pv.h>
int direct(void) { return 0; }
