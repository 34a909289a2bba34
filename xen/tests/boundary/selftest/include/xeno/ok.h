/* Fixture: an interface common code may use. */
int declared_fn(void);
