/* Fixture: calls a pv_ function through its own prototype. */
int pv_thing(void);
int calls_pv(void) { return pv_thing(); }
