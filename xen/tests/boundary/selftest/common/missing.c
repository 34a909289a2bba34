/* Fixture: an include that resolves nowhere, in dead code. */
#if 0
#include <no/such/header.h>
#endif
int missing(void) { return 0; }
