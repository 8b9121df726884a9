"""`python -m bench.profiled OUT -m MODULE ARGS…`: run MODULE under cProfile, its stats written
to OUT when it exits or is sent SIGTERM (as the load benches stop the app they measure).

For finding where a request's CPU goes: `LOAD_PROFILE=DIR` makes the load benches run the app
this way (DIR/hallway.prof), then `python -m pstats DIR/hallway.prof`. The main thread only:
SQLite's own work runs in aiosqlite's thread and shows as waiting. The SQL
statements run are counted by text in DIR/hallway.prof.sql.txt.
"""

from __future__ import annotations

import cProfile
import os
import runpy
import signal
import sys
import time
from collections import Counter
from types import FrameType
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def main(out: str, module: str, args: list[str]) -> None:
    # CPU time of the main thread, not wall time: a thread switch or a wait is not a cost.
    profile = cProfile.Profile(time.thread_time)
    statements = count_statements()

    def stop(_signal: int = 0, _frame: FrameType | None = None) -> None:
        profile.disable()
        profile.dump_stats(out)
        with open(f"{out}.sql.txt", "w") as shown:
            for sql, times in statements.most_common():
                shown.write(f"{times:8d}  {' '.join(sql.split())[:300]}\n")
        os._exit(0)  # as a SIGTERM would, without running the app's code any further

    signal.signal(signal.SIGTERM, stop)
    sys.argv = [module, *args]
    profile.enable()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        stop()


def count_statements() -> Counter[str]:
    """Every SQL statement any engine of this process runs, by its text (written beside the
    stats as OUT.sql.txt): how many round trips to the database a request costs."""
    counted: Counter[str] = Counter()

    @event.listens_for(Engine, "before_cursor_execute")
    def _count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        counted[statement] += 1

    return counted


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] != "-m":
        raise SystemExit("usage: python -m bench.profiled OUT -m MODULE [ARGS…]")
    main(sys.argv[1], sys.argv[3], sys.argv[4:])
