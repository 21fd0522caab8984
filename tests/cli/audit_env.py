"""Shared set-up for the audit-store CLI tests: a fresh store and key per test, nothing from the
developer's environment, and another process that holds the store's lock."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from privacy_kit.cli import cli

ROOT = Path(__file__).resolve().parents[2]
_HOLD_LOCK = (
    "import sys, time\nfrom pathlib import Path\nfrom audit.store import Store, StoreConfig\n"
    "st = Store.open(StoreConfig(Path(sys.argv[1])))\nprint('ready', flush=True)\ntime.sleep(30)"
)


@pytest.fixture(name="store_path")
def store_path_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Import this into a test module to get the ``store_path`` fixture."""
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("PRIVACY_KIT_STORE", str(path))
    monkeypatch.setenv("COLUMNS", "250")  # rich tables: one line per row, so assertions see whole cells
    for name in ("PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    return path


def run(runner: CliRunner, *args: str, code: int = 0, stdin: str | None = None) -> Result:
    result = runner.invoke(cli, list(args), input=stdin)
    assert result.exit_code == code, (result.output, result.exception)
    if code == 2 and "Usage:" not in result.output:
        assert "Traceback" not in result.output and result.output.startswith("Error: [AU"), result.output
    return result


def run_json(runner: CliRunner, *args: str) -> Any:
    return json.loads(run(runner, *args, "--json").stdout)


@contextmanager
def store_locked_by_another_process(store_path: Path) -> Iterator[None]:
    """Inside the block a separate process has the store open for writing (the lock is
    per process, so it must be a real one); it is killed when the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(store_path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.kill()  # only the process this helper started
        holder.wait()
