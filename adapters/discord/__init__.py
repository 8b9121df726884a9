"""Discord: slash commands generated from the shared command table, modals for forms, buttons
that survive restarts, and a REST-only messenger for the scheduler's deliveries."""
