#include "guest.h"
void test_main(void) { }
