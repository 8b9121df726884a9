"""The dependency rule of DESIGN §2, checked on the source itself."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_CORE = ("sqlalchemy", "alembic", "slack_bolt", "slack_sdk", "discord", "aiohttp")
COMPOSITION_ROOT = {"bot/bootstrap.py", "bot/cli.py"}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def core_modules() -> list[Path]:
    return sorted((ROOT / "bot").rglob("*.py"))


def test_the_core_imports_no_chat_sdk_and_no_sqlalchemy() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imports(path) & set(FORBIDDEN_IN_CORE))
        for path in core_modules()
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_only_the_composition_root_imports_adapters_and_storage() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in core_modules()
        if imports(path) & {"adapters", "storage"}
        and str(path.relative_to(ROOT)) not in COMPOSITION_ROOT
    ]
    assert offenders == []


def test_adapters_do_not_import_storage() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "adapters").rglob("*.py"))
        if "storage" in imports(path)
    ]
    assert offenders == []


def test_importing_every_module_needs_no_environment_and_touches_nothing(tmp_path: Path) -> None:
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for folder in ("bot", "adapters", "storage")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts and path.name != "__main__.py"
    ]
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script, *modules],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # no database file, no log, nothing
