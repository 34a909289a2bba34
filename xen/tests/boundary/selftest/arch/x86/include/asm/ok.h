/* Fixture: an arch header that is fine to include. */
int arch_hook(void);
