"""The packs shipped with privacy-kit, and resolving ``--policy NAME|PATH`` to a pack.

Shipped packs live in ``privacy_kit/policy/packs/<id>.toml`` (package data); a user's own pack is
named by its path. A name is looked up among the shipped packs first, so ``--policy jsmo`` never
reads a stray ``jsmo`` file in the working directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from privacy_kit.errors import PolicyError
from privacy_kit.policy.loader import load_pack_file
from privacy_kit.policy.schema import Pack


def _packs_dir() -> Path:
    return Path(str(resources.files("privacy_kit.policy") / "packs"))


def shipped_names() -> list[str]:
    """Ids of the shipped packs (the file stems), sorted."""
    return sorted(p.stem for p in _packs_dir().glob("*.toml"))


def shipped_packs() -> list[Pack]:
    return [load_pack_file(_packs_dir() / f"{name}.toml") for name in shipped_names()]


def resolve_pack(ref: str) -> Pack:
    """A shipped pack by name, or a pack file by path."""
    if ref in shipped_names():
        return load_pack_file(_packs_dir() / f"{ref}.toml")
    path = Path(ref)
    if path.suffix.lower() == ".toml" or path.exists() or "/" in ref:
        if not path.is_file():
            raise PolicyError(f"no policy pack file {ref}")
        return load_pack_file(path)
    raise PolicyError(f"no shipped policy pack named {ref!r}",
                      hint=f"shipped: {', '.join(shipped_names())}; or give a path to a .toml pack")
