"""Use cases, named after what people do. Each checks who may do it, then does it in one
unit of work. Adapters call these (through `bot.commands`) and nothing else."""
