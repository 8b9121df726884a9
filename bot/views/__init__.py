"""Message builders: what Hallway says, as platform-neutral messages (never markup)."""
