/* Fixture: a PV header behind a condition the build never takes. */
#ifdef NEVER_DEFINED
#include <asm/pv/pv.h>
#endif
