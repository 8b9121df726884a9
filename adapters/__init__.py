"""Chat platforms. Each maps its commands, forms and buttons to `bot.commands` and renders the
core's messages and forms in its own widgets. Rules live in `bot`, never here."""
