"""Pipeline components: one class each, no I/O beyond loading their assets at construction."""
