/* Fixture: calls a PV-internal function under a neutral name. */
int hidden_helper(void);
int calls_hidden(void) { return hidden_helper(); }
