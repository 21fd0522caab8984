"""spaCy's Japanese tokenizer without the work privacy-kit never reads.

``spacy.lang.ja.JapaneseTokenizer`` (GiNZA's tokenizer) spends most of its time after Sudachi
has finished: it splits every token again in modes A and B for ``user_data["sub_tokens"]``
(read only by GiNZA's compound splitter, which privacy-kit excludes), then sets each token's
tag, part of speech, lemma, norm and a ``MorphAnalysis`` (reading, inflection) one Python
attribute at a time. On ner-wikipedia sentences that is about three times Sudachi's own cost,
and in the fast tier the tokenizer is a third of all the work.

This tokenizer runs the same Sudachi tokenizer in the same split mode, keeps the same words,
spaces, whitespace tokens and tags (spaCy's own alignment function places them), and sets the
tags and lemmas through ``Doc(..., tags=, lemmas=)``. It leaves out what no component or
recognizer of privacy-kit reads: sub-tokens, norms, readings, inflections and the coarse
``pos``. GiNZA's tok2vec embeds ORTH and SHAPE only, so NER and the parser see identical input;
``tests/recognizers/test_lean_tokenizer.py`` checks words, spaces, tags and lemmas against
spaCy's tokenizer, and that entities are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.lang.ja import DetailedToken, JapaneseTokenizer, get_dtokens_and_spaces
from spacy.tokens import Doc

from .sudachi_tags import LEXICAL_KEY

if TYPE_CHECKING:
    from spacy.vocab import Vocab

__all__ = ["LeanJapaneseTokenizer", "install"]


class LeanJapaneseTokenizer:
    """Callable like a spaCy tokenizer: ``text -> Doc`` with words, spaces, tags and lemmas."""

    def __init__(self, vocab: Vocab, sudachi: Any, original: Any) -> None:
        self.vocab = vocab
        self.sudachi = sudachi  # a sudachipy Tokenizer, already in the pipeline's split mode
        #: The tokenizer this one replaced (kept for serialisation and for comparison in tests).
        self.original = original

    def __call__(self, text: str) -> Doc:
        dtokens = []
        previous_gap = False
        for morpheme in self.sudachi.tokenize(text):
            surface = morpheme.surface()
            if not surface:
                continue  # Sudachi can emit empty tokens (…); spaCy drops them too
            pos = morpheme.part_of_speech()
            tag = "-".join([p for p in pos[:4] if p != "*"])
            gap = tag == "空白" and surface.isspace()
            if gap and previous_gap:
                continue  # consecutive space tokens: spaCy keeps the first, the alignment re-reads the text
            previous_gap = gap
            lemma = morpheme.dictionary_form() or surface
            dtokens.append(DetailedToken(surface, tag, "", lemma, surface, None, None))
        aligned, spaces = get_dtokens_and_spaces(dtokens, text)
        if not aligned:
            return Doc(self.vocab, words=[], spaces=[])
        words = [t.surface for t in aligned]
        tags = [t.tag for t in aligned]
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, lemmas=[t.lemma or t.surface for t in aligned])
        doc.user_data[LEXICAL_KEY] = (words, spaces, tags)  # read back by ``doc_tokens`` without Token objects
        return doc

    # spaCy calls these when a pipeline is saved or copied; delegate to the original.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.original.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> LeanJapaneseTokenizer:
        self.original.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.original.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> LeanJapaneseTokenizer:
        self.original.from_disk(path, **kwargs)
        return self


def install(nlp: Any) -> bool:
    """Swap a GiNZA/spaCy Japanese pipeline's tokenizer for the lean one; False (and nothing
    changed) when the tokenizer is not spaCy's Japanese tokenizer."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, LeanJapaneseTokenizer):
        return True
    if not isinstance(tokenizer, JapaneseTokenizer):
        return False
    nlp.tokenizer = LeanJapaneseTokenizer(nlp.vocab, tokenizer.tokenizer, tokenizer)
    return True
