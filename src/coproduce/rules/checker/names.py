"""Another child's name in a plan: the usual sign of text pasted from someone else's plan.

``find_other_names(text, own_names, other_children_names)`` returns the spans where one of the other
names appears as whole words (a name of several words must appear as those words in order, separated by
whitespace). Matching ignores case, except for names that are also everyday words ("Will", "Grace",
"May", "Hope"...), which must be written with a capital letter; month names followed or preceded by a
number ("May 2026", "3 June") are dates, not names. The child's own names are never reported, and nor is
another name where it is part of one of the child's own (another child "Jane" inside "Mary Jane").

Pass first names and surnames as separate entries to find either on its own; a full name entry finds
only the full name. Scanning is one pass over the words of the text with a dictionary look-up per word,
so thousands of other names cost no more than a few.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from coproduce.rules.checker.lexicon import fold

# Names that are also ordinary English words (lower case). Kept short and obvious on purpose.
_COMMON_WORD_NAMES = """
    will may june april august grace hope faith joy rose daisy lily iris ruby amber jade summer autumn sky
    rain hunter mark bill pat sue carol frank guy jack rob art dawn eve ivy holly heather poppy violet pearl
    ray sunny miles chase patience reed wade drew gene bob don nick penny robin wren sage brook river
    stone storm star honey angel dean harper page taylor mason cole carter grant hazel willow bay journey
    noble king prince major rich norm sandy misty buddy royal cash ace ash ember blaze true justice unity
    liberty harmony melody destiny cherry coral crystal ginger olive forest lake ocean wolf fox bear rocky
    rusty dusty chip red kit max lee
"""
COMMON_WORD_NAMES: frozenset[str] = frozenset(_COMMON_WORD_NAMES.split())
_MONTHS = frozenset({"may", "june", "april", "august", "march"})

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    name: str  # the other child's name as it was given


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) for each word, possessive "'s" left off."""
    found = []
    for match in _TOKEN_RE.finditer(fold(text)):
        start, end, word = match.start(), match.end(), match.group(0)
        if word.lower().endswith("'s") and len(word) > 2:
            end -= 2
            word = word[:-2]
        found.append((start, end, word.lower()))
    return found


def _key(name: str) -> tuple[str, ...]:
    return tuple(word for _, _, word in _tokens(name))


def _is_date(text: str, start: int, end: int) -> bool:
    return bool(re.match(r"\s*\d", text[end:]) or re.search(r"\d(?:st|nd|rd|th)?\s*$", text[:start]))


def _spans(
    text: str,
    tokens: list[tuple[int, int, str]],
    names: dict[str, list[tuple[tuple[str, ...], str]]],
    common_words: Collection[str],
) -> Iterable[tuple[int, int, str]]:
    i = 0
    while i < len(tokens):
        matched = None
        for key, name in names.get(tokens[i][2], ()):  # longest first
            last = i + len(key) - 1
            if last >= len(tokens):
                continue
            window = tokens[i : last + 1]
            if tuple(w for _, _, w in window) != key:
                continue
            if any(
                text[a_end:b_start].strip() for (_, a_end, _), (b_start, _, _) in zip(window, window[1:], strict=False)
            ):
                continue  # words of a name separated by punctuation are not the name
            if any(word in common_words and not text[start].isupper() for start, _, word in window):
                continue  # "will", "grace": ordinary words unless capitalised
            if len(key) == 1 and key[0] in _MONTHS and _is_date(text, window[0][0], window[0][1]):
                continue
            matched = (window[0][0], window[-1][1], name)
            i = last + 1
            break
        if matched:
            yield matched
        else:
            i += 1


def _lookup(names: Iterable[str]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name in names:
        key = _key(name)
        if key:
            table.setdefault(key[0], []).append((key, name))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


def find_other_names(
    text: str,
    own_names: Iterable[str],
    other_children_names: Iterable[str],
    *,
    common_words: Collection[str] = COMMON_WORD_NAMES,
) -> list[NameMatch]:
    """Where another child's name appears in ``text``, in order."""
    own = list(own_names)
    own_keys = {_key(name) for name in own}
    others = _lookup(name for name in other_children_names if _key(name) not in own_keys)
    if not others:
        return []
    tokens = _tokens(text)
    own_spans = [(start, end) for start, end, _ in _spans(text, tokens, _lookup(own), common_words=frozenset())]
    return [
        NameMatch(start, end, name)
        for start, end, name in _spans(text, tokens, others, common_words)
        if not any(start < own_end and end > own_start for own_start, own_end in own_spans)
    ]
