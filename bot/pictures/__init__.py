"""Pictures Hallway draws (matplotlib, Agg: never needs a display)."""
