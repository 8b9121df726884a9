"""Hallway: the hallway track of a conference, run from its Slack workspace and Discord server.

`bot` is the core. It imports neither a chat SDK nor SQLAlchemy: the outside world is reached
through the ports in `bot.ports`, wired together in `bot.bootstrap`.
"""
