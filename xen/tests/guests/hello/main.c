#include "guest.h"
void test_main(void) { expect_ok("x", 0); }
