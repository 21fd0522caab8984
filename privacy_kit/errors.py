"""Coded, actionable errors, each with the exit code the CLI uses.

Exit codes: 0 success, 1 findings over a ``--fail-on`` threshold, 2 usage or input error.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class PrivacyKitError(Exception):
    """Base class: ``code`` is stable and appears in messages; ``exit_code`` is what the CLI returns."""

    code = "PK000"
    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(PrivacyKitError):
    """A file or value given to privacy-kit cannot be read or understood."""

    code = "PK100"


class DatasetFormatError(InputError):
    """A labelled evaluation set is not in a format privacy-kit reads."""

    code = "PK110"


class ColumnNotFoundError(InputError):
    """A column named on the command line (or by a caller) is not in the input."""

    code = "PK130"


class ModelMissingError(PrivacyKitError):
    """The ja_ginza model is not installed (it is never downloaded at run time)."""

    code = "PK200"


class RewriteError(PrivacyKitError):
    """A file cannot be rewritten as asked: it would overwrite its input, the input ends early,
    or a new value cannot be written in the file's own encoding or type."""

    code = "PK300"


class PolicyError(InputError):
    """A policy pack cannot be loaded: the message names the file, the clause or rule, and the key."""

    code = "PK810"


class ModerationInputError(InputError):
    """An export given to ``privacy-kit moderate`` lacks what triage needs (e.g. its text field)."""

    code = "PK820"
