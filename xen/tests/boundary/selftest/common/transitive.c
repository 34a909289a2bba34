/* Fixture: reaches a PV header through a generic one. */
#include <xeno/leak.h>
int transitive(void) { return 0; }
