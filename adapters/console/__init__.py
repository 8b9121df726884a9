"""The console: a REPL that speaks like a chat user, so Hallway can be tried without tokens."""
