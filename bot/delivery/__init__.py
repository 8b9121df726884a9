"""Getting messages out: queued in the outbox by use cases, delivered by the dispatcher."""
