"""Every audit-store command has help text and a reference entry in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli

DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
GROUPS = ("purpose", "dataset", "provision", "audit", "policy", "pseudonym-key", "request", "incident")


def _commands() -> list[tuple[str, str]]:
    ctx = click.Context(cli)
    out = []
    for name in GROUPS:
        group = cli.get_command(ctx, name)
        assert isinstance(group, click.Group)
        out += [(name, sub) for sub in group.list_commands(ctx)]
    return out


@pytest.mark.parametrize(("group", "command"), _commands())
def test_each_command_has_help_and_a_reference_entry(group: str, command: str) -> None:
    result = CliRunner().invoke(cli, [group, command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"## `privacy-kit {group}`" in DOC
    assert f"| `{command}" in DOC.split(f"## `privacy-kit {group}`")[1].split("\n## ")[0], (group, command)


def test_moderate_options_are_documented() -> None:
    help_text = CliRunner().invoke(cli, ["moderate", "--help"]).output
    section = DOC.split("## `privacy-kit moderate`")[1].split("\n## ")[0]
    for option in ("--policy", "--id-field", "--author-field", "--name-field", "--time-field", "--text-field",
                   "--output-format", "--fail-on", "--store", "--no-store", "--lock-timeout", "--key-file"):
        assert option in help_text and f"`{option}" in section, option


def test_scan_store_options_are_documented() -> None:
    help_text = CliRunner().invoke(cli, ["scan", "--help"]).output
    for option in ("--store", "--no-store", "--keep-values", "--resume", "--lock-timeout", "--key-file"):
        assert option in help_text and f"`{option}" in DOC, option


def test_redact_options_are_documented() -> None:
    help_text = CliRunner().invoke(cli, ["redact", "--help"]).output
    section = DOC.split("## `privacy-kit redact`")[1].split("\n## ")[0]
    for option in ("--mode", "--text-field", "--entities", "--min-score", "--no-ner", "--workers", "--mask-style",
                   "--key-name", "--new-key", "--k", "--quasi", "--id-field", "--max-suppress", "--recheck", "--drop-unreadable",
                   "--report", "--summary", "--no-store", "--store", "--lock-timeout", "--key-file"):
        assert option in help_text and f"`{option}" in section, option
