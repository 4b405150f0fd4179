"""Suggesting themes in free-text answers. Pure Python: no Django, no network, no model files.

The method (see ``docs/decisions/0010-survey-themes.md``):

1. Each answer becomes a bag of terms: lower-cased words, common words ("the", "and", "was") left out,
   a light suffix-stripping stemmer ("waiting" and "waited" both count as "wait"), and pairs of
   neighbouring words ("speech therapy") so that names read naturally.
2. Terms are weighted by TF-IDF (a term that is frequent in one answer and rare across the others
   weighs most), and each answer's vector is scaled to length 1, so that similarity is the cosine.
3. Answers are grouped by spherical k-means (k-means on the unit sphere), started deterministically
   (k-means++ from a fixed seed, several restarts, the tightest kept). The number of groups is the one
   with the best silhouette (how much closer each answer is to its own group than to the next one).
4. Each group is named by its characteristic terms: those weighing most inside it compared with
   outside it. A pair of words beats the single words it contains.

Groups smaller than ``min_size``, and answers too far from every group (or with no shared terms at
all), are left unassigned: a suggestion is a starting point for an analyst, never a verdict.

Optionally, the vectors of steps 1 and 2 can come from elsewhere: ``suggest_themes(texts, embed=...)`` takes any
function that turns texts into vectors of unit length (the ``embeddings`` extra passes sentence
embeddings, ``surveys/embeddings.py``). Grouping, choosing the number of groups and naming (still from
the answers' words) are the same either way.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Vector = dict[str, float]

#: Turns texts into dense vectors of unit length, one for each text, in order.
Embed = Callable[[Sequence[str]], Sequence[Sequence[float]]]

STOPWORDS = frozenset(
    " ".join(
        (
            "a about above after again against all almost also am an and any are aren as at be because been",
            "before being below between both but by can cannot could couldn did didn do does doesn doing don done",
            "down during each even ever every few for from further get got had hadn has hasn have haven having he",
            "her here hers herself him himself his how i if in into is isn it its itself just let like lot lots",
            "made make many me more most much must my myself need no nor not now of off often on once one only or",
            "other our ours ourselves out over own quite really said same say see seem she should shouldn so some",
            "still such than that the their theirs them themselves then there these they thing things this those",
            "through to too under until up us very was wasn way we well went were weren what when where which",
            "while who whom why will with won would wouldn yes yet you your yours yourself yourselves able always",
            "anything every everyone everything feel felt go going know lot maybe never nothing people something",
            "sometimes time times told want wanted",
        )
    ).split()
)

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _strip(word: str, rules: tuple[tuple[str, str, int], ...]) -> str:
    for suffix, replacement, shortest in rules:
        if word.endswith(suffix) and len(word) >= shortest:
            return word[: len(word) - len(suffix)] + replacement
    return word


PLURALS = (("ies", "y", 5), ("sses", "ss", 5), ("ches", "ch", 6), ("shes", "sh", 6), ("xes", "x", 5))
PLURALS += (("ss", "ss", 2), ("us", "us", 2), ("is", "is", 2), ("s", "", 4))
VERB_ENDINGS = (("ing", "", 6), ("eed", "eed", 3), ("ied", "y", 5), ("ed", "", 5))


def stem(word: str) -> str:
    """A light stemmer: enough to join "waiting", "waited" and "waits", without a dictionary."""
    word = _strip(_strip(word, PLURALS), VERB_ENDINGS)
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouylsz":
        word = word[:-1]  # "planned" -> "plann" -> "plan"
    if len(word) > 3 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]  # "change", "changed" and "changes" all become "chang"
    return word


def words(text: str) -> list[str]:
    """The content words of ``text``, lower-cased, with apostrophes dropped ("didn't" -> "didnt")."""
    found = []
    for match in WORD.finditer(text.lower()):
        word = match.group().split("'")[0]
        if len(word) > 1 and word not in STOPWORDS:
            found.append(word)
    return found


def terms(text: str) -> tuple[list[str], dict[str, str]]:
    """The terms of one answer (stems and pairs of neighbouring stems), and each stem's surface word."""
    surface: dict[str, str] = {}
    stems = []
    for word in words(text):
        stemmed = stem(word)
        surface.setdefault(stemmed, word)
        stems.append(stemmed)
    pairs = [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False) if a != b]
    for a, b in zip(stems, stems[1:], strict=False):
        if a != b:
            surface.setdefault(f"{a} {b}", f"{surface[a]} {surface[b]}")
    return stems + pairs, surface


def _norm(vector: Vector) -> Vector:
    length = math.sqrt(sum(weight * weight for weight in vector.values()))
    return {term: weight / length for term, weight in vector.items()} if length else {}


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


@dataclass(frozen=True)
class Corpus:
    vectors: list[Vector]
    surface: dict[str, str]
    document_frequency: dict[str, int]


def vectorise(texts: Sequence[str], *, min_df: int = 2) -> Corpus:
    """TF-IDF vectors of unit length. Terms in fewer than ``min_df`` answers are left out: they cannot
    bring two answers together."""
    bags = []
    surface_counts: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        found, surface = terms(text)
        bags.append(Counter(found))
        for term in found:
            surface_counts[term][surface[term]] += 1
    df = Counter(term for bag in bags for term in bag)
    n = len(texts)
    idf = {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items() if count >= min_df}
    vectors = [_norm({t: (1 + math.log(c)) * idf[t] for t, c in bag.items() if t in idf}) for bag in bags]
    surface = {term: counts.most_common(1)[0][0] for term, counts in surface_counts.items()}
    return Corpus(vectors, surface, dict(df))


def dense(values: Sequence[float]) -> Vector:
    """A dense vector (say, a sentence embedding) in the sparse form the grouping works on, at unit length."""
    return _norm({f"#{index}": float(value) for index, value in enumerate(values) if value})


def _centroid(vectors: Sequence[Vector]) -> Vector:
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for term, weight in vector.items():
            total[term] += weight
    return _norm(dict(total))


def _kmeans_once(vectors: list[Vector], k: int, rng: random.Random, iterations: int) -> tuple[list[int], float]:
    # k-means++ start: each next centre chosen far from those already chosen.
    centres = [vectors[rng.randrange(len(vectors))]]
    while len(centres) < k:
        distances = [max(0.0, 1 - max(dot(v, c) for c in centres)) for v in vectors]
        total = sum(distances)
        if total <= 0:
            break
        pick, running = rng.random() * total, 0.0
        for vector, distance in zip(vectors, distances, strict=True):
            running += distance
            if running >= pick:
                centres.append(vector)
                break
    labels = [-1] * len(vectors)
    for _ in range(iterations):
        new = [max(range(len(centres)), key=lambda c, v=v: (dot(v, centres[c]), -c)) for v in vectors]
        if new == labels:
            break
        labels = new
        groups: dict[int, list[Vector]] = defaultdict(list)
        for vector, label in zip(vectors, labels, strict=True):
            groups[label].append(vector)
        centres = [_centroid(groups[c]) if groups[c] else centres[c] for c in range(len(centres))]
    cohesion = sum(dot(v, centres[label]) for v, label in zip(vectors, labels, strict=True))
    return labels, cohesion


def kmeans(vectors: list[Vector], k: int, *, seed: int = 0, restarts: int = 10, iterations: int = 50) -> list[int]:
    """Spherical k-means: the labels of the tightest of ``restarts`` runs, the same every time."""
    best: tuple[float, list[int]] | None = None
    for restart in range(restarts):
        labels, cohesion = _kmeans_once(vectors, k, random.Random(seed * 1000 + restart), iterations)  # noqa: S311 (reproducible starts, not secrets)
        if best is None or cohesion > best[0] + 1e-12:
            best = (cohesion, labels)
    assert best is not None
    return best[1]


def silhouette(similarity: list[list[float]], labels: list[int]) -> float:
    """The mean silhouette with cosine distance: near 1, answers sit well inside their groups."""
    groups: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        groups[label].append(index)
    if len(groups) < 2:
        return -1.0
    scores = []
    for i, label in enumerate(labels):
        own = [j for j in groups[label] if j != i]
        if not own:
            scores.append(0.0)
            continue
        a = sum(1 - similarity[i][j] for j in own) / len(own)
        b = min(
            sum(1 - similarity[i][j] for j in members) / len(members)
            for other, members in groups.items()
            if other != label
        )
        scores.append((b - a) / max(a, b) if max(a, b) > 0 else 0.0)
    return sum(scores) / len(scores)


@dataclass(frozen=True)
class Suggestion:
    """A suggested theme: its name, its characteristic words and the answers in it (closest first)."""

    name: str
    words: tuple[str, ...]
    members: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Suggestions:
    themes: tuple[Suggestion, ...]
    unassigned: tuple[int, ...]
    silhouette: float

    @property
    def k(self) -> int:
        return len(self.themes)


def characteristic_terms(corpus: Corpus, members: Sequence[int], *, top: int = 3) -> list[str]:
    """The terms weighing most inside the group compared with outside it, as people would write them."""
    inside, outside = set(members), [i for i in range(len(corpus.vectors)) if i not in set(members)]
    mean_in: dict[str, float] = defaultdict(float)
    for i in inside:
        for term, weight in corpus.vectors[i].items():
            mean_in[term] += weight / len(inside)
    mean_out: dict[str, float] = defaultdict(float)
    for i in outside:
        for term, weight in corpus.vectors[i].items():
            mean_out[term] += weight / len(outside)
    scored = sorted(
        ((mean_in[t] - mean_out.get(t, 0.0), t) for t in mean_in if mean_in[t] > mean_out.get(t, 0.0)),
        key=lambda pair: (-pair[0], pair[1]),
    )
    chosen: list[str] = []
    for _, term in scored:
        parts = term.split(" ")
        if any(part in chosen for part in parts) and len(parts) == 2:
            # The pair says more than the word alone: put the pair in the word's place.
            chosen = [c for c in chosen if c not in parts]
        elif any(term in c.split(" ") for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) >= top:
            break
    return [corpus.surface.get(term, term) for term in chosen]


def name_from(words_found: Sequence[str]) -> str:
    if not words_found:
        return "Other answers"
    name = ", ".join(words_found)
    return name[0].upper() + name[1:]


def suggest_themes(
    texts: Sequence[str],
    *,
    max_themes: int = 8,
    min_size: int = 3,
    min_similarity: float = 0.05,
    seed: int = 0,
    sample: int = 400,
    embed: Embed | None = None,
) -> Suggestions:
    """Group ``texts`` into suggested themes. The same texts, in any order, give the same suggestions.

    With ``embed``, answers are grouped by its vectors instead of their TF-IDF vectors (names still come
    from the words)."""
    # Work in a canonical order (sorted by text), so that the order answers come in changes nothing.
    order = sorted(range(len(texts)), key=lambda i: (texts[i], i))
    found = _suggest([texts[i] for i in order], max_themes, min_size, min_similarity, seed, sample, embed)
    themes = tuple(Suggestion(t.name, t.words, tuple(order[m] for m in t.members)) for t in found.themes)
    return Suggestions(themes, tuple(sorted(order[i] for i in found.unassigned)), found.silhouette)


def _suggest(
    texts: Sequence[str],
    max_themes: int,
    min_size: int,
    min_similarity: float,
    seed: int,
    sample: int,
    embed: Embed | None = None,
) -> Suggestions:
    corpus = vectorise(texts)
    if embed is None:
        grouped = corpus.vectors
    else:
        embedded = list(embed(list(texts))) if texts else []
        if len(embedded) != len(texts):
            raise ValueError("The embedding gave a different number of vectors than there are answers")
        grouped = [dense(values) for values in embedded]
    usable = [i for i, vector in enumerate(grouped) if vector]
    if len(usable) < 2 * min_size:
        return Suggestions((), tuple(range(len(texts))), 0.0)
    vectors = [grouped[i] for i in usable]
    # Silhouettes compare every pair: on a deterministic sample when there are very many answers.
    step = max(1, math.ceil(len(vectors) / sample))
    sampled = list(range(0, len(vectors), step))
    similarity = [[dot(vectors[i], vectors[j]) for j in sampled] for i in sampled]

    best: tuple[float, int, list[int]] | None = None
    for k in range(2, min(max_themes, len(vectors) // min_size) + 1):
        labels = kmeans(vectors, k, seed=seed)
        # Groups smaller than min_size are not themes: a solution is worth only the share of answers it
        # puts into real themes (otherwise many tiny pairs of near-identical answers look best).
        sizes = Counter(labels)
        kept = sum(size for size in sizes.values() if size >= min_size) / len(labels)
        score = silhouette(similarity, [labels[i] for i in sampled]) * kept
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels)
    if best is None:
        return Suggestions((), tuple(range(len(texts))), 0.0)
    score, _, labels = best

    groups: dict[int, list[int]] = defaultdict(list)
    for position, label in enumerate(labels):
        groups[label].append(position)
    themes = []
    assigned: set[int] = set()
    for positions in groups.values():
        centre = _centroid([vectors[p] for p in positions])
        close = sorted(
            ((dot(vectors[p], centre), usable[p]) for p in positions if dot(vectors[p], centre) >= min_similarity),
            key=lambda pair: (-pair[0], pair[1]),
        )
        members = tuple(index for _, index in close)
        if len(members) < min_size:
            continue
        found = characteristic_terms(corpus, members)
        themes.append(Suggestion(name_from(found), tuple(found), members))
        assigned.update(members)
    themes.sort(key=lambda theme: (-theme.size, theme.name))
    unassigned = tuple(i for i in range(len(texts)) if i not in assigned)
    return Suggestions(tuple(themes), unassigned, round(score, 4))
