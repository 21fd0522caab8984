"""Run a spaCy pipeline over batches of Docs, with the transition-based NER and parser stepped
while holding the GIL.

Why: spaCy's greedy parser (``Parser.greedy_parse``) releases the GIL and runs its state machine
in C, but with the Cython 3 build of spaCy 3.8 every validity check of every action
(``StateC::B_``, ``safe_get`` inside ``Begin.is_valid``, ``Unit.is_valid`` …) re-acquires the GIL
to test for a Python exception (``PyGILState_Ensure`` → ``take_gil``). ja_ginza's NER has 758
actions, so a sentence of 33 tokens costs tens of thousands of GIL round trips: perf on this
project's machine put ~70% of NER time in ``take_gil``/``pthread_mutex_*`` and only ~15% in the
matrix products. Stepping the same model from Python (``model.predict(states)`` →
``Parser.transition_states``, the path spaCy's own training loop uses) holds the GIL throughout,
so those checks are free: NER went from 25.5 to 5.5 ms per ner-wikipedia sentence with identical
entities (docs/performance.md). The dependency parser benefits the same way.

Everything else runs through each component's own ``pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["greedy_parse", "parse_docs", "pipe_docs", "steps_with_gil"]

T = TypeVar("T")


def steps_with_gil(component: Any) -> bool:
    """Can this component's prediction be stepped from Python (a greedy transition parser)?"""
    from spacy.pipeline.transition_parser import Parser

    return isinstance(component, Parser) and int(component.cfg.get("beam_width", 1)) == 1


def greedy_parse(parser: Any, docs: Sequence[Doc]) -> None:
    """Predict and set ``parser``'s annotations (entities or dependencies) on ``docs``.

    The same model and the same greedy decisions as ``Parser.predict`` + ``set_annotations``,
    stepped from Python so that the GIL is held (see the module docstring).
    """
    if not docs:
        return
    if not any(len(doc) for doc in docs):
        parser.set_annotations(docs, parser.moves.init_batch(docs))
        return
    batch = parser.moves.init_batch(docs)
    model = parser.model.predict(docs)
    try:
        states = [state for state in batch if not state.is_final()]
        while states:
            states = parser.transition_states(states, model.predict(states))
    finally:
        model.clear_memory()
    parser.set_annotations(docs, batch)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def pipe_docs(nlp: Language, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """``nlp``'s components applied to already tokenized ``docs``, batch by batch, in order.

    Like spaCy's ``Parser.pipe``, each batch is parsed in length-sorted sub-batches (states of
    similar length finish together); unlike it, with the GIL held.
    """
    procs = [proc for _, proc in nlp.pipeline]
    for batch in _chunks(docs, batch_size):
        for proc in procs:
            batch = _apply(proc, batch, batch_size)
        yield from batch


def parse_docs(component: Any, docs: Sequence[Doc], batch_size: int = 64) -> None:
    """Apply one component (the parser of the tiered pieces) to ``docs``, in place."""
    for batch in _chunks(docs, batch_size):
        _apply(component, batch, batch_size)


def _apply(proc: Any, batch: list[Doc], batch_size: int) -> list[Doc]:
    if steps_with_gil(proc):
        by_length = sorted(batch, key=len)
        sub = max(batch_size // 4, 2)
        for start in range(0, len(by_length), sub):
            greedy_parse(proc, by_length[start : start + sub])
        return batch
    return list(proc.pipe(batch, batch_size=batch_size))
