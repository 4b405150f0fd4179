"""Paragraphs copied from other children's plans.

A paragraph is normalised (case, punctuation and whitespace ignored), cut into overlapping runs of three
words ("shingles"), and compared by Jaccard similarity: shared shingles over all shingles of the two.
Paragraphs under ``MIN_WORDS`` words are ignored on both sides: short stock phrases are not copying.

``ParagraphIndex`` holds a council's plans so that one plan can be checked against thousands quickly: an
inverted index from each shingle to the paragraphs that contain it. If two paragraphs have similarity at
least t, they share at least ``ceil(t * n)`` of the checked paragraph's n shingles, so any
``n - ceil(t * n) + 1`` of its shingles must include a shared one (pigeonhole). The query looks up only that
many shingles, choosing the rarest (shortest posting lists), and compares the few candidates they turn up
exactly. The answer is the same as comparing every pair, without comparing every pair.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coproduce.rules.checker.lexicon import fold

MIN_WORDS = 12
SHINGLE_SIZE = 3
DEFAULT_THRESHOLD = 0.8

_WORD_RE = re.compile(r"[^\W_]+")
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class CopyMatch:
    """Paragraph ``paragraph_index`` of the plan being checked is like ``other_paragraph_index`` of
    ``other_plan_id``, with Jaccard similarity ``similarity`` (0 to 1)."""

    paragraph_index: int
    other_plan_id: str
    other_paragraph_index: int
    similarity: float


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, with punctuation and whitespace dropped."""
    return _WORD_RE.findall(fold(text).replace("'", "").lower())


def _shingles_of(ws: Sequence[str], size: int) -> frozenset[int]:
    return frozenset(map(hash, zip(*(ws[i:] for i in range(size)), strict=False)))


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[int]:
    """The hashed runs of ``size`` consecutive words (empty for texts with fewer words)."""
    return _shingles_of(words(text), size)


def _prefix_length(size: int, threshold: float) -> int:
    return size - math.ceil(threshold * size - _EPSILON) + 1


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


class ParagraphIndex:
    """Paragraphs of many plans, indexed for near-duplicate search."""

    def __init__(self, *, shingle_size: int = SHINGLE_SIZE, min_words: int = MIN_WORDS) -> None:
        self.shingle_size = shingle_size
        self.min_words = min_words
        self._sets: list[frozenset[int]] = []
        self._where: list[tuple[str, int]] = []
        self._postings: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._sets)

    def _shingles(self, text: str) -> frozenset[int] | None:
        ws = words(text)
        if len(ws) < self.min_words:
            return None
        return _shingles_of(ws, self.shingle_size) or None

    def add_plan(self, plan_id: str, paragraphs: Iterable[str]) -> None:
        """Index a plan's paragraphs (paragraph numbers are their positions in ``paragraphs``)."""
        for index, paragraph in enumerate(paragraphs):
            found = self._shingles(paragraph)
            if found is None:
                continue
            ref = len(self._sets)
            self._sets.append(found)
            self._where.append((plan_id, index))
            postings = self._postings
            for token in found:
                if token in postings:
                    postings[token].append(ref)
                else:
                    postings[token] = [ref]

    def query(
        self,
        paragraphs: Sequence[str],
        threshold: float = DEFAULT_THRESHOLD,
        *,
        exclude_plan_id: str | None = None,
    ) -> list[CopyMatch]:
        """Every indexed paragraph at least ``threshold`` similar to one of ``paragraphs``.

        Ordered by the checked plan's paragraph, then most similar first. ``exclude_plan_id`` leaves out
        the plan being checked when it is in the index itself.
        """
        if not 0 < threshold <= 1:
            raise ValueError("threshold must be above 0 and at most 1")
        matches: list[CopyMatch] = []
        no_postings: list[int] = []
        for index, paragraph in enumerate(paragraphs):
            mine = self._shingles(paragraph)
            if mine is None:
                continue
            size = len(mine)
            rarest = sorted(mine, key=lambda token: len(self._postings.get(token, no_postings)))
            candidates: set[int] = set()
            for token in rarest[: _prefix_length(size, threshold)]:
                candidates.update(self._postings.get(token, no_postings))
            for ref in candidates:
                plan_id, other_index = self._where[ref]
                if plan_id == exclude_plan_id:
                    continue
                theirs = self._sets[ref]
                # sizes alone rule out many: J(a, b) <= min(|a|, |b|) / max(|a|, |b|)
                if min(size, len(theirs)) < threshold * max(size, len(theirs)) - _EPSILON:
                    continue
                similarity = jaccard(mine, theirs)
                if similarity >= threshold - _EPSILON:
                    matches.append(CopyMatch(index, plan_id, other_index, round(similarity, 4)))
        matches.sort(key=lambda m: (m.paragraph_index, -m.similarity, str(m.other_plan_id), m.other_paragraph_index))
        return matches


def find_copied_paragraphs(
    plan_paragraphs: Sequence[str],
    other_plans_paragraphs: Mapping[str, Sequence[str]] | ParagraphIndex,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[CopyMatch]:
    """Paragraphs of one plan that are near-duplicates (Jaccard >= ``threshold``) of other plans'.

    ``other_plans_paragraphs`` maps a plan's id to its paragraphs, or is a ``ParagraphIndex`` already built
    (build one once when checking many plans against the same council's plans).
    """
    if isinstance(other_plans_paragraphs, ParagraphIndex):
        index = other_plans_paragraphs
    else:
        index = ParagraphIndex()
        for plan_id, paragraphs in other_plans_paragraphs.items():
            index.add_plan(plan_id, paragraphs)
    return index.query(plan_paragraphs, threshold)
