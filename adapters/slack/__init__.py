"""Slack: slash commands, Block Kit modals and buttons, the App Home, and a Web API messenger.

The adapter translates; the core decides. `app` wires the bolt listeners (`commands`, `buttons`,
`submissions`, `events`), `transport` reaches them over HTTP or Socket Mode, `blocks`/`modals`/
`inputs` are the pure renderers, `payloads` the pure parsers, `surfaces` where answers go and
the one error policy, `messenger` the way out for the scheduler.
"""
