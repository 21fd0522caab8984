"""The ``privacy-kit`` command line: parse options, call one library function, print.

Subcommands live in small modules and are imported lazily, so ``privacy-kit --help`` and
``--version`` do not pay for loading Presidio or GiNZA.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from privacy_kit import __version__

# command name -> "module:attribute"
_COMMANDS: dict[str, str] = {
    "scan": "privacy_kit.cli.scan:scan",
    "redact": "privacy_kit.cli.redact:redact",
    "pseudonym-key": "privacy_kit.cli.pseudonym_key:pseudonym_key",
    "eval": "privacy_kit.cli.eval:eval_command",
    "purpose": "privacy_kit.cli.purpose:purpose",
    "dataset": "privacy_kit.cli.dataset:dataset",
    "provision": "privacy_kit.cli.provision:provision",
    "audit": "privacy_kit.cli.audit_cmd:audit",
    "incident": "privacy_kit.cli.incident:incident",
    "risk": "privacy_kit.cli.risk:risk",
    "report": "privacy_kit.cli.report:report",
    "schedule": "privacy_kit.cli.schedule:schedule",
    "policy": "privacy_kit.cli.policy:policy",
    "moderate": "privacy_kit.cli.moderate:moderate",
    "request": "privacy_kit.cli.request:request",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _COMMANDS:
            module, attr = _COMMANDS[name].split(":")
            cmd: Any = getattr(importlib.import_module(module), attr)
            return cmd  # type: ignore[no-any-return]
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="privacy-kit")
def cli() -> None:
    """Detect, record and act on personal information under Japan's APPI (個人情報保護法)."""


def main() -> None:
    import os

    # Parallelism is by worker processes (--workers); BLAS threads inside each would only
    # oversubscribe the cores. Must be set before numpy is first imported.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from recognizers.offline import ensure_offline

    ensure_offline()
    cli()
