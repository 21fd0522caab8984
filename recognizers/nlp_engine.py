"""A Presidio ``NlpEngine`` for GiNZA (``ja_ginza``): trimmed, batched, offset-exact.

Why not Presidio's ``SpacyNlpEngine``: it downloads a missing model at load time, loads every
pipeline component, passes text to spaCy unchanged (GiNZA turns U+3000 into false Person
spans, ginza#148, and Sudachi rejects input over 49,149 UTF-8 bytes, ginza#242), and maps labels
through a config that does not know ENE.

What this engine does instead:

* loads ``ja_ginza`` once, never downloads it, and excludes the components our recognizers do
  not read. ``tok2vec`` + ``ner`` stay (NER listens to tok2vec); the Sudachi part-of-speech
  tags (``token.tag_``, e.g. 名詞-固有名詞-人名-姓) and lemmas come from the tokenizer, so
  they survive without ``morphologizer``. The dependency parser is opt-in (``parser=True``).
* ``ner=False`` runs the tokenizer only, for pattern-only scans.
* tiers: ``ner_when`` picks the texts that get NER (the rest are only tokenized) and
  ``parser_when`` the texts that get the dependency parser. The parser runs after NER, on those
  texts only (it listens to the tok2vec output already on the Doc), so every other Doc has no
  dependency annotation and costs nothing more.
* gives GiNZA a *length-preserving* normalised copy of the text: per character, its NFKC form
  when that is exactly one character (full-width ＡＢＣ１２３ become ASCII), otherwise the
  character itself; U+3000 becomes an ASCII space. Doc offsets therefore equal offsets in the
  original text, and ``doc.text`` is that copy (same length, same positions).
* splits inputs over the Sudachi limit at sentence ends (。！？ and newlines) into chunks of a
  few KB and rejoins the Docs with ``Doc.from_docs(..., ensure_whitespace=False)``, so the
  joined Doc covers the whole text with the same offsets.
* reports ``entities`` through the explicit ENE map in ``recognizers.ginza_labels``.
"""

from __future__ import annotations

import importlib.util
import itertools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from .ginza_labels import ENE_TO_PRESIDIO
from .ginza_pipe import parse_docs, pipe_docs
from .sudachi_tags import entities_changed

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = [
    "GinzaNlpEngine", "GinzaNlpArtifacts", "GinzaModelMissingError", "SUDACHI_MAX_BYTES",
    "prepare_text", "split_for_sudachi",
]

#: sudachi.rs refuses input longer than u16::MAX/4*3 bytes (ginza#242, spaCy#13207).
SUDACHI_MAX_BYTES = 49_149
#: Chunk size for long inputs: well under the limit, and small enough that spaCy's cost on
#: long texts (super-linear, spaCy#9858) does not bite.
DEFAULT_CHUNK_BYTES = 4_096
#: Score given to NER entities in NlpArtifacts.scores (spaCy's NER has no per-span confidence).
NER_DEFAULT_SCORE = 0.85

#: Components of ja_ginza 5.3 that no recognizer in this pack reads.
_NEVER_NEEDED = ("attribute_ruler", "morphologizer", "compound_splitter", "bunsetu_recognizer")
_SENTENCE_ENDS = frozenset("。！？!?\n")
_SOFT_BREAKS = frozenset("、，,；; \t")


class GinzaModelMissingError(RuntimeError):
    """The ja_ginza model is not installed; it is never downloaded at run time."""

    def __init__(self, model: str) -> None:
        super().__init__(
            f"the spaCy model {model!r} is not installed and privacy-kit never downloads models; "
            f"install it with `pip install ja-ginza` (it brings ginza and SudachiPy)"
        )
        self.model = model


def _fold_char(c: str) -> str:
    if c == "\u3000":
        return " "
    if c.isascii():
        return c
    folded = unicodedata.normalize("NFKC", c)
    return folded if len(folded) == 1 else c


def prepare_text(text: str) -> str:
    """The copy of ``text`` GiNZA sees: same length, NFKC per character where that stays one
    character, U+3000 as a space (ginza#148: a full-width space glues neighbours into Person)."""
    if text.isascii():
        return text
    return "".join(_fold_char(c) for c in text)


def split_for_sudachi(text: str, *, max_bytes: int = SUDACHI_MAX_BYTES,
                      chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> list[str]:
    """Split ``text`` into pieces that Sudachi accepts; ``"".join(pieces) == text``.

    Text within ``max_bytes`` is returned whole. Longer text is cut after sentence ends into
    pieces of at most ``chunk_bytes`` UTF-8 bytes; a sentence longer than that (a log line with
    no punctuation) is cut at the last comma or space before the limit, or hard at the limit.
    """
    if len(text.encode("utf-8")) <= max_bytes:
        return [text]
    chunk_bytes = min(chunk_bytes, max_bytes)
    pieces: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        size = 0
        last_sentence = last_soft = -1
        i = start
        while i < n:
            step = len(text[i].encode("utf-8"))
            if size + step > chunk_bytes:
                break
            size += step
            if text[i] in _SENTENCE_ENDS:
                last_sentence = i + 1
            elif text[i] in _SOFT_BREAKS:
                last_soft = i + 1
            i += 1
        if i >= n:
            end = n
        elif last_sentence > start:
            end = last_sentence
        elif last_soft > start:
            end = last_soft
        else:
            end = max(i, start + 1)
        pieces.append(text[start:end])
        start = end
    return pieces


def _use_numpy_gemm() -> None:
    """Make thinc multiply matrices with numpy's BLAS instead of its bundled blis.

    Measured on this project's machine (AMD EPYC, AVX-512): blis's gemm ran 4.5x slower than
    OpenBLAS, and GiNZA's tok2vec went from 11.5 to 4.7 ms per sentence with identical
    entities (docs/performance.md). thinc's current ops are process-wide; this only swaps the
    matrix backend of its CPU ops, never the results' meaning.
    """
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    ops = get_current_ops()
    if isinstance(ops, NumpyOps) and getattr(ops, "use_blis", False):
        set_current_ops(NumpyOps(use_blis=False))


def _model_installed(model: str) -> bool:
    try:
        return importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        return False


class GinzaNlpArtifacts(NlpArtifacts):
    """NlpArtifacts whose per-token lists are built only if something reads them.

    Presidio's constructor computes ``keywords`` (a stop-word lookup per token) eagerly; only
    its lemma context enhancer reads them, and this pack's recognizers match context on the
    raw text instead, so the work is deferred.
    """

    def __init__(self, *, doc: Doc, entities: list[Span], scores: list[float], nlp_engine: NlpEngine,
                 language: str) -> None:
        # Deliberately not calling NlpArtifacts.__init__: it would build every list eagerly.
        self.tokens = doc
        self.entities = entities
        self.scores = scores
        self.nlp_engine = nlp_engine
        self.language = language

    @property
    def doc(self) -> Doc:
        return self.tokens

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        return [t.lemma_ for t in self.tokens]

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return [t.idx for t in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self.language)

    def to_json(self) -> str:
        for name in ("lemmas", "tokens_indices", "keywords"):
            getattr(self, name)
        return super().to_json()


def _ner_in_windows(nlp: Language, docs: Sequence[Doc], windows: Sequence[Sequence[tuple[int, int]]],
                    batch_size: int) -> None:
    """NER on each token window of each Doc, as a short Doc of its own; the entities found are
    copied back (in place) and the window's other tokens marked "outside". Tokens in no window
    keep no entity annotation, which the recognizers read as "NER did not look"."""
    from spacy.tokens import Doc, Span

    jobs = [(i, s, e) for i, spans in enumerate(windows) for s, e in spans]
    pieces = [Doc(nlp.vocab, words=[t.text for t in docs[i][s:e]], spaces=[bool(t.whitespace_) for t in docs[i][s:e]])
              for i, s, e in jobs]
    found: dict[int, tuple[list[Span], list[Span]]] = {}
    with nlp.select_pipes(disable=[name for name in ("parser",) if name in nlp.pipe_names]):
        for (i, s, e), piece in zip(jobs, pipe_docs(nlp, pieces, batch_size)):
            doc = docs[i]
            ents, outside = found.setdefault(i, ([], []))
            covered: set[int] = set()
            for ent in piece.ents:
                ents.append(Span(doc, s + ent.start, s + ent.end, label=ent.label_))
                covered.update(range(ent.start, ent.end))
            outside.extend(Span(doc, s + k, s + k + 1) for k in range(e - s) if k not in covered)
    for i, (ents, outside) in found.items():
        docs[i].set_ents(ents, outside=outside, default="unmodified")
        entities_changed(docs[i])


@dataclass(frozen=True, slots=True)
class _Job:
    index: int
    piece: str


class GinzaNlpEngine(NlpEngine):
    """Presidio NLP engine over a trimmed ``ja_ginza`` pipeline (language ``ja`` only).

    ``ner`` runs GiNZA's NER (tok2vec + ner); ``False`` runs the Sudachi tokenizer only.
    ``parser`` also keeps the dependency parser (for recognizers that read ``token.dep_``).
    ``nlp`` injects an already loaded pipeline (tests, or a caller that shares one model).
    """

    engine_name = "ginza"
    is_available = True

    def __init__(self, *, ner: bool = True, parser: bool = False, model: str = "ja_ginza",
                 batch_size: int = 64, chunk_bytes: int = DEFAULT_CHUNK_BYTES,
                 max_bytes: int = SUDACHI_MAX_BYTES, nlp: Language | None = None,
                 load: bool = True, ner_when: Callable[[str], bool] | None = None,
                 parser_when: Callable[[str], bool] | None = None,
                 ner_gate: Callable[[Doc], list[tuple[int, int]]] | None = None) -> None:
        if not 0 < chunk_bytes <= max_bytes <= SUDACHI_MAX_BYTES:
            raise ValueError(f"need 0 < chunk_bytes <= max_bytes <= {SUDACHI_MAX_BYTES}")
        self.ner = ner
        self.parser = parser
        self.model = model
        self.batch_size = batch_size
        self.chunk_bytes = chunk_bytes
        self.max_bytes = max_bytes
        self.nlp: Language | None = nlp
        #: Texts for which this returns False are only tokenized (Sudachi tags, no NER): the
        #: tiering hook. None runs every text through the whole trimmed pipeline.
        self.ner_when = ner_when
        #: A second, finer hook read on the tokenized Doc (Sudachi tags) of a piece ``ner_when``
        #: passed: the token windows NER reads (``recognizers.ner_gate`` for the balanced tier).
        #: The rest of the piece keeps no entity annotation. None: NER reads the whole piece.
        self.ner_gate = ner_gate
        #: Pieces NER has read (wholly or in windows) and tokens it has read, since loading
        #: (counts for tests and benchmarks; ``scan --stats`` does not gather them from workers).
        self.ner_pieces = 0
        self.ner_tokens = 0
        #: With ``parser``: the texts to parse (None: all). Only pieces of a long text for which
        #: it returns True are parsed.
        self.parser_when = parser_when
        #: Pieces the parser has processed since loading (a count for tests and --stats).
        self.parsed_pieces = 0
        if nlp is None and load:
            self.load()

    # -- loading -----------------------------------------------------------------------------

    def excluded_components(self) -> list[str]:
        excluded = list(_NEVER_NEEDED)
        if not self.ner:
            excluded.append("ner")
        if not self.parser:
            excluded.append("parser")
        if not self.ner and not self.parser:
            excluded.append("tok2vec")
        return excluded

    def load(self) -> None:
        if self.nlp is not None:
            return
        if not _model_installed(self.model):
            raise GinzaModelMissingError(self.model)
        import spacy

        from .lean_tokenizer import install

        _use_numpy_gemm()
        self.nlp = spacy.load(self.model, exclude=self.excluded_components())
        install(self.nlp)  # same tokens and tags, half the tokenizer's cost

    def is_loaded(self) -> bool:
        return self.nlp is not None

    def _pipeline(self) -> Language:
        if self.nlp is None:
            self.load()
        assert self.nlp is not None
        return self.nlp

    # -- processing --------------------------------------------------------------------------

    def _docs(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        """One Doc per text, in order; long texts are chunked and rejoined."""
        from spacy.tokens import Doc

        nlp = self._pipeline()
        only_tokenizer = not nlp.pipe_names
        pending: dict[int, list[Doc]] = {}
        expected: dict[int, int] = {}

        def jobs() -> Iterator[tuple[str, _Job]]:
            for index, text in enumerate(texts):
                if not isinstance(text, str):
                    raise TypeError(f"text {index} is {type(text).__name__}, not str")
                pieces = split_for_sudachi(prepare_text(text), max_bytes=self.max_bytes,
                                           chunk_bytes=self.chunk_bytes)
                expected[index] = len(pieces)
                for piece in pieces:
                    yield piece, _Job(index, piece)

        if only_tokenizer:
            stream: Iterator[tuple[Doc, _Job]] = ((nlp.make_doc(p), j) for p, j in jobs())
        else:
            stream = self._tiered(nlp, jobs(), batch_size)
        next_index = 0
        for doc, job in stream:
            pending.setdefault(job.index, []).append(doc)
            while next_index in expected and len(pending.get(next_index, ())) == expected[next_index]:
                parts = pending.pop(next_index)
                if len(parts) == 1:
                    yield parts[0]
                else:
                    # Sudachi's per-token extras (sub_tokens, readings) are not mergeable and
                    # spaCy would warn, printing them, i.e. the text, in clear (W102).
                    for part in parts:
                        part.user_data.clear()
                    yield Doc.from_docs(parts, ensure_whitespace=False)
                next_index += 1

    def _tiered(self, nlp: Language, jobs: Iterator[tuple[str, _Job]],
                batch_size: int) -> Iterator[tuple[Doc, _Job]]:
        """Batch by batch: NER (``ner_when``) and the parser (``parser_when``) each for the
        pieces that need them, the tokenizer alone for the rest, yielded in the original order.

        The components run through ``ginza_pipe`` (NER and parser stepped holding the GIL). The
        parser listens to tok2vec, so a piece that needs only the parser still goes through
        tok2vec; the parser then runs on the finished Docs of that batch alone.
        """
        has_parser = "parser" in nlp.pipe_names
        has_ner = "ner" in nlp.pipe_names
        while True:
            batch = list(itertools.islice(jobs, batch_size))
            if not batch:
                return
            parse = [has_parser and (self.parser_when is None or self.parser_when(p)) for p, _ in batch]
            docs = [nlp.make_doc(piece) for piece, _ in batch]
            wanted_ner = [has_ner and (self.ner_when is None or self.ner_when(p)) for p, _ in batch]
            windows = [self.ner_gate(d) if w and self.ner_gate is not None else [] for d, w in zip(docs, wanted_ner)]
            ner = [w and self.ner_gate is None for w in wanted_ner]  # NER on the whole piece
            self.ner_pieces += sum(ner) + sum(bool(w) for w in windows)
            self.ner_tokens += sum(len(d) for d, n in zip(docs, ner) if n) + sum(e - s for w in windows for s, e in w)
            # NER only where ``ner_when``/``ner_gate`` want it; a piece wanted only by the parser
            # gets tok2vec (which the parser listens to) and no NER.
            for wanted, off in (([i for i in range(len(batch)) if ner[i]], ["parser"]),
                                ([i for i in range(len(batch)) if parse[i] and not ner[i]], ["parser", "ner"])):
                if not wanted:
                    continue
                with nlp.select_pipes(disable=[name for name in off if name in nlp.pipe_names]):
                    for i, doc in zip(wanted, pipe_docs(nlp, [docs[i] for i in wanted], batch_size)):
                        docs[i] = doc
            to_parse = [doc for doc, p in zip(docs, parse) if p]
            if to_parse:
                parse_docs(nlp.get_pipe("parser"), to_parse)  # in place
                self.parsed_pieces += len(to_parse)
            if any(windows):
                _ner_in_windows(nlp, docs, windows, batch_size)
            for doc, (_, job) in zip(docs, batch):
                yield doc, job

    def to_artifacts(self, doc: Doc, language: str = "ja") -> GinzaNlpArtifacts:
        """Presidio artifacts for a Doc this engine produced (or a cached one)."""
        from spacy.tokens import Span

        entities: list[Span] = []
        for ent in doc.ents:
            mapped = ENE_TO_PRESIDIO.get(ent.label_)
            if mapped is not None:
                entities.append(Span(doc, ent.start, ent.end, label=mapped))
        return GinzaNlpArtifacts(doc=doc, entities=entities, scores=[NER_DEFAULT_SCORE] * len(entities),
                                 nlp_engine=self, language=language)

    def _check_language(self, language: str) -> None:
        if language != "ja":
            raise ValueError(f"GinzaNlpEngine supports only language 'ja', not {language!r}")

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        self._check_language(language)
        doc = next(self._docs([text], 1))
        return self.to_artifacts(doc, language)

    def process_batch(self, texts: Iterable[str], language: str, batch_size: int | None = None,
                      n_process: int = 1, as_tuples: bool = False,
                      **kwargs: Any) -> Iterator[Any]:
        """Yield ``(text, artifacts)`` per input text (``(text, artifacts, context)`` with
        ``as_tuples``), in order; ``text`` is the caller's original text. Single process:
        the Japanese tokenizer is not thread-safe and worker processes belong to the caller."""
        self._check_language(language)
        if n_process != 1:
            raise ValueError("GinzaNlpEngine runs in one process; parallelise with worker processes")
        size = batch_size or self.batch_size
        if as_tuples:
            items = [(str(t), ctx) for t, ctx in texts]  # type: ignore[misc]
            for (text, ctx), doc in zip(items, self._docs([t for t, _ in items], size)):
                yield text, self.to_artifacts(doc, language), ctx
        else:
            originals = [str(t) for t in texts]
            for text, doc in zip(originals, self._docs(originals, size)):
                yield text, self.to_artifacts(doc, language)

    def pipe_docs(self, texts: Sequence[str], batch_size: int | None = None) -> Iterator[Doc]:
        """The Docs themselves (for caching parsed corpora), in input order."""
        return self._docs(texts, batch_size or self.batch_size)

    # -- queries -----------------------------------------------------------------------------

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self._pipeline().vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self._pipeline().vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        return sorted(set(ENE_TO_PRESIDIO.values())) if self.ner else []

    def get_supported_languages(self) -> list[str]:
        return ["ja"]


_JAPANESE_SCRIPT = None


def has_japanese(text: str) -> bool:
    """True when ``text`` holds kana or kanji: the texts GiNZA's NER can find names and places in.

    Log fields (IPs, paths, user agents) and ASCII-only values skip NER; romaji names are found
    by the pattern tier's context rules, not by GiNZA.
    """
    global _JAPANESE_SCRIPT
    if _JAPANESE_SCRIPT is None:
        import re

        _JAPANESE_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
    return _JAPANESE_SCRIPT.search(text) is not None
