"""Helpers shared by the CLI modules: error mapping and the stderr console."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console

from audit.errors import AuditError
from privacy_kit.errors import ModelMissingError, PrivacyKitError

F = TypeVar("F", bound=Callable[..., Any])

#: Progress, summaries and messages go to stderr; machine-readable output to stdout or --output.
stderr = Console(stderr=True)


class CliError(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def handle_errors(func: F) -> F:
    """Turn library errors into clean messages with the right exit code (no tracebacks)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (PrivacyKitError, AuditError) as exc:
            raise CliError(str(exc), exc.exit_code) from exc
        except RuntimeError as exc:
            # recognizers/ cannot import privacy_kit, so its missing-model error is translated here.
            if type(exc).__name__ == "GinzaModelMissingError":
                err = ModelMissingError(str(exc), hint="pip install ja-ginza (into the same environment)")
                raise CliError(str(err), err.exit_code) from exc
            raise

    return wrapper  # type: ignore[return-value]
