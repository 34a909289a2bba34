/* Fixture: hides the header name in a macro (-DHDR=...). */
#include HDR
int macro(void) { return 0; }
