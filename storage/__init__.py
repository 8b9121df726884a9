"""Storage: SQLAlchemy 2 mapping of the domain, repositories, the unit of work, migrations.

Only the composition root imports this package; the core sees it through `bot.ports`.
"""

from storage.engine import Database, connect

__all__ = ["Database", "connect"]
