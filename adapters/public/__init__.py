"""Hallway on the open web: the programme page and the calendar feeds."""
