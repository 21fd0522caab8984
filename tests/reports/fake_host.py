"""A stand-in for the machine's scheduler: records commands, keeps a crontab in memory."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from privacy_kit.reports.schedule import Completed, Host


@dataclass
class FakeMachine:
    systemd: bool = True
    cron: bool = True
    crontab: str | None = None  # None: the user has no crontab yet
    calls: list[list[str]] = field(default_factory=list)
    fail: str | None = None  # a command word whose runs fail

    def run(self, argv: Sequence[str], stdin: str | None) -> Completed:
        argv = list(argv)
        self.calls.append(argv)
        if self.fail and self.fail in argv:
            return Completed(1, "", f"{self.fail} failed")
        if argv[0] == "systemctl":
            return Completed(0 if self.systemd else 1, "", "" if self.systemd else "Failed to connect to bus")
        if argv[:2] == ["crontab", "-l"]:
            return Completed(0, self.crontab) if self.crontab is not None else Completed(1, "", "no crontab for u")
        if argv[:2] == ["crontab", "-"]:
            self.crontab = stdin or ""
            return Completed(0)
        raise AssertionError(f"unexpected command {argv}")

    def which(self, name: str) -> str | None:
        present = {"systemctl": self.systemd, "crontab": self.cron}
        return f"/usr/bin/{name}" if present.get(name) else None

    def host(self, folder: Path) -> Host:
        return Host(systemd_dir=folder / "systemd-user", run=self.run, which=self.which)
