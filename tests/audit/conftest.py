from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.keys import KeyRing
from audit.store import Store, StoreConfig


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real store or key."""
    for name in ("PRIVACY_KIT_STORE", "PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def config(tmp_path: Path) -> StoreConfig:
    return StoreConfig(tmp_path / "audit.duckdb", lock_timeout=2.0, actor="tester")


@pytest.fixture
def store(config: StoreConfig) -> Iterator[Store]:
    st = Store.open(config)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def ring(store: Store) -> KeyRing:
    return KeyRing.open(store)
