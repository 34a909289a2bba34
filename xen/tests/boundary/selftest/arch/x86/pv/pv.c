/* Fixture: what the PV code defines. */
int pv_thing(void) { return 1; }
int hidden_helper(void) { return 2; }
int arch_hook(void) { return 3; }
int declared_fn(void) { return 4; }
