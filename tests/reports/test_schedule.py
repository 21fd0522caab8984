"""Scheduling: systemd units and crontab blocks, installed idempotently through an injected host."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_kit.reports import schedule as sched
from tests.reports.fake_host import FakeMachine


def _spec(tmp_path: Path, every: str = "monthly", **kw: object) -> sched.ScheduleSpec:
    return sched.ScheduleSpec(every, tmp_path / "reports", tmp_path / "store dir" / "audit.duckdb", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("systemd", "cron", "backend"), [(True, True, "systemd"), (False, True, "cron"), (True, False, "systemd")]
)
def test_backend_detection(tmp_path: Path, systemd: bool, cron: bool, backend: str) -> None:
    assert FakeMachine(systemd=systemd, cron=cron).host(tmp_path).backend() == backend


def test_no_scheduler_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(sched.ScheduleError, match="PK330"):
        FakeMachine(systemd=False, cron=False).host(tmp_path).backend()


def test_command_reports_the_previous_period_into_a_fixed_folder(tmp_path: Path) -> None:
    argv = _spec(tmp_path, "weekly", formats=("html", "json"), lang="en").command()
    assert argv[1:6] == ["-m", "privacy_kit.cli", "report", "--previous", "weekly"]
    assert argv[argv.index("--store") + 1] == str((tmp_path / "store dir" / "audit.duckdb").resolve())
    assert argv[-2:] == ["-o", str((tmp_path / "reports").resolve()) + "/"]
    assert argv.count("--format") == 2 and "en" in argv


def test_systemd_install_is_idempotent(tmp_path: Path) -> None:
    machine = FakeMachine()
    host = machine.host(tmp_path)
    first = sched.install(_spec(tmp_path), host)
    texts = {p.name: p.read_text(encoding="utf-8") for p in first.files}
    sched.install(_spec(tmp_path), host)
    assert {p.name: p.read_text(encoding="utf-8") for p in first.files} == texts
    assert sorted(texts) == ["privacy-kit-report.service", "privacy-kit-report.timer"]
    assert "OnCalendar=*-*-01 06:00:00" in texts["privacy-kit-report.timer"]
    assert "Persistent=true" in texts["privacy-kit-report.timer"]
    assert '"' + str((tmp_path / "store dir").resolve()) in texts["privacy-kit-report.service"]  # quoted space
    assert ["systemctl", "--user", "enable", "--now", "privacy-kit-report.timer"] in machine.calls
    assert sorted(p.name for p in (tmp_path / "systemd-user").iterdir()) == sorted(texts)
    assert (tmp_path / "reports").is_dir()


def test_cron_install_keeps_other_entries_and_replaces_its_own(tmp_path: Path) -> None:
    machine = FakeMachine(systemd=False, crontab="MAILTO=officer@example.jp\n0 1 * * * backup.sh\n")
    host = machine.host(tmp_path)
    sched.install(_spec(tmp_path), host)
    sched.install(_spec(tmp_path, "weekly"), host)  # a re-install replaces the block
    assert machine.crontab is not None
    assert machine.crontab.startswith("MAILTO=officer@example.jp\n0 1 * * * backup.sh\n")
    assert machine.crontab.count("# BEGIN privacy-kit schedule privacy-kit-report") == 1
    entry = machine.crontab.splitlines()[3]
    assert entry.startswith("0 6 * * 1 ") and "--previous weekly" in entry
    words = shlex.split(entry.split(" ", 5)[5])
    assert words[words.index("--store") + 1].endswith("store dir/audit.duckdb")


def test_cron_install_without_an_existing_crontab(tmp_path: Path) -> None:
    machine = FakeMachine(systemd=False)
    sched.install(_spec(tmp_path), machine.host(tmp_path))
    assert machine.crontab is not None and machine.crontab.splitlines()[1].startswith("0 6 1 * * ")


def test_show_and_remove(tmp_path: Path) -> None:
    machine = FakeMachine(crontab="0 1 * * * backup.sh\n")
    host = machine.host(tmp_path)
    sched.install(_spec(tmp_path), host, "systemd")
    sched.install(_spec(tmp_path), host, "cron")
    assert [r.backend for r in sched.show("privacy-kit-report", host)] == ["systemd", "cron"]
    removed = sched.remove("privacy-kit-report", host)
    assert [r.backend for r in removed] == ["systemd", "cron"]
    assert machine.crontab == "0 1 * * * backup.sh\n"
    assert list((tmp_path / "systemd-user").iterdir()) == []
    assert ["systemctl", "--user", "disable", "--now", "privacy-kit-report.timer"] in machine.calls
    assert sched.show("privacy-kit-report", host) == [] and sched.remove("privacy-kit-report", host) == []


def test_failing_systemctl_is_a_coded_error(tmp_path: Path) -> None:
    machine = FakeMachine(fail="daemon-reload")
    with pytest.raises(sched.ScheduleError, match=r"PK330.*daemon-reload"):
        sched.install(_spec(tmp_path), machine.host(tmp_path))


@pytest.mark.parametrize("name", ["", "a b", "../x", "x;rm", "ü", "-x"])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(sched.ScheduleError):
        _spec(tmp_path, name=name)


@pytest.mark.parametrize(
    ("arg", "word"),
    [("plain", "plain"), ("a b", '"a b"'), ("50%", "50%%"), ("$HOME", "$$HOME"), ('say "x"', '"say \\"x\\""')],
)
def test_systemd_words_are_escaped(arg: str, word: str) -> None:
    assert sched._systemd_arg(arg) == word


lines = st.lists(
    st.text(alphabet=st.sampled_from("0123456789 *#/-_abcXYZ=\t"), max_size=30).filter(
        lambda s: "privacy-kit" not in s
    ),
    max_size=8,
)


@given(lines, lines)
def test_removing_a_block_restores_the_crontab(before: list[str], after: list[str]) -> None:
    spec = sched.ScheduleSpec("monthly", Path("/r"), Path("/s.duckdb"))
    head = "".join(f"{line}\n" for line in before)
    tail = "".join(f"{line}\n" for line in after)
    with_block = head + sched.cron_block(spec) + tail
    assert sched.without_block(with_block, spec.name) == head + tail
    assert sched.find_block(with_block, spec.name) == sched.cron_block(spec)
    assert sched.without_block(head + tail, spec.name) == head + tail
