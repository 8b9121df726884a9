"""Exports as files: the programme, and the chairs' submissions and mentoring (pure)."""
