"""Shared set-up for the audit-store CLI tests: a fresh store and key per test, nothing from the
developer's environment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from privacy_kit.cli import cli


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
