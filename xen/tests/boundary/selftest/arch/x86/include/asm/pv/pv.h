/* Fixture: a PV-internal header. */
int pv_thing(void);
