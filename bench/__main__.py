"""Run every benchmark module (bench/bench_*.py), or those named: python -m bench import."""

from __future__ import annotations

import asyncio
import importlib
import sys
from pathlib import Path


def main(names: list[str]) -> int:
    found = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
    chosen = [name for name in found if not names or name.removeprefix("bench_") in names]
    if not chosen:
        print(f"no benchmark matches {names}; have {', '.join(found)}")
        return 2
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        print(f"\n== {name} ==")
        asyncio.run(module.run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
