"""The ordered catalogue of every recognizer in the pack.

Order matters only for reproducibility (ties are broken by score, then span length, then
this order), so it is fixed here rather than discovered at import time.
"""

from __future__ import annotations

from functools import cache

from .registry import RecognizerSpec


@cache
def all_specs() -> tuple[RecognizerSpec, ...]:
    from . import address, behaviour, contact, dates, identifiers, names, online_ids, places, sensitive

    specs = (
        *contact.SPECS,
        *online_ids.SPECS,
        *identifiers.SPECS,
        *dates.SPECS,
        *address.SPECS,
        *names.SPECS,
        *places.SPECS,
        *sensitive.SPECS,
        *behaviour.SPECS,
    )
    ids = [s.id for s in specs]
    if len(ids) != len(set(ids)):
        raise RuntimeError(f"duplicate recognizer ids in catalogue: {ids}")
    return specs
