"""Calendars: entries built from the programme, their versions, and iCalendar files (pure)."""
