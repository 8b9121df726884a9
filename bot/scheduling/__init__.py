"""Time-driven work: what is due is derived from the database, run once, marked done."""
