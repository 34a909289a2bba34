/* Fixture: keeps every rule. */
#include <stdint.h>
#include <asm/ok.h>
#include <xeno/ok.h>
int clean(void) { return arch_hook() + declared_fn(); }
