"""Compare the ways of suggesting themes on the demo's 38 answers to "What one thing would you change?".

    .venv/bin/python scripts/compare_theme_methods.py

Each answer in ``surveys/demo.py`` (``CHANGE_ANSWERS``) was written for one of 6 themes; the script
reports, for each method, the themes found, their purity (the share of assigned answers in their
group's main theme), the share of answers assigned to a theme, the adjusted Rand index of the grouping
against the written themes (over every answer, the unassigned counted as one more group), and the
time to suggest (best of 3, and for embeddings apart from loading the model once). The network is
refused inside the script before anything is loaded, so a method that tried to download would fail.
The sentence-embeddings row needs the ``embeddings`` extra; without it the script says so. Results go
in decision record 10.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections import Counter
from math import comb
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.config.settings")


def refuse_network() -> None:
    def refused(*args, **kwargs):
        raise OSError("the network is refused while comparing theme methods")

    socket.socket.connect = refused  # type: ignore[method-assign]
    socket.getaddrinfo = refused  # type: ignore[assignment]
    socket.create_connection = refused  # type: ignore[assignment]


def adjusted_rand_index(truth: list[str], found: list[int]) -> float:
    pairs = Counter(zip(truth, found, strict=True))
    index = sum(comb(n, 2) for n in pairs.values())
    rows = sum(comb(n, 2) for n in Counter(truth).values())
    columns = sum(comb(n, 2) for n in Counter(found).values())
    expected = rows * columns / comb(len(truth), 2)
    most = (rows + columns) / 2
    return (index - expected) / (most - expected) if most != expected else 1.0


def measure(name: str, texts: list[str], truth: list[str], suggest) -> dict:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        found = suggest(texts)
        times.append(time.perf_counter() - started)
    labels = {member: n for n, theme in enumerate(found.themes) for member in theme.members}
    assigned = sorted(labels)
    main = sum(Counter(truth[m] for m in theme.members).most_common(1)[0][1] for theme in found.themes)
    return {
        "method": name,
        "themes": len(found.themes),
        "purity": main / len(assigned) if assigned else 0.0,
        "assigned": len(assigned) / len(texts),
        "ari": adjusted_rand_index(truth, [labels.get(i, -1) for i in range(len(texts))]),
        "seconds": min(times),
        "names": [theme.name for theme in found.themes],
    }


def main() -> None:
    refuse_network()
    import django

    django.setup()
    from coproduce.rules import themes
    from coproduce.surveys.demo import CHANGE_ANSWERS

    truth = [theme for theme, _ in CHANGE_ANSWERS]
    texts = [text for _, text in CHANGE_ANSWERS]
    rows = [measure("TF-IDF + spherical k-means (default)", texts, truth, themes.suggest_themes)]
    try:
        from coproduce.surveys.embeddings import embed_with, load_model

        started = time.perf_counter()
        model = load_model()
        loading = time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 (report why the optional method could not run)
        print(f"Sentence embeddings could not be loaded: {error!r}")
        model = None
    if model is not None:
        embed = embed_with(model)
        started = time.perf_counter()
        embed(texts)
        print(f"Embedding the {len(texts)} answers alone takes {time.perf_counter() - started:.3f} s")
        rows.append(
            measure(
                f"WordLlama sentence embeddings + spherical k-means (model loaded in {loading:.1f} s)",
                texts,
                truth,
                lambda answers: themes.suggest_themes(answers, embed=embed),
            )
        )
    else:
        print("The 'embeddings' extra is not installed: only the default method was measured.")
    print(f"{len(texts)} answers written for {len(set(truth))} themes.\n")
    print("| method | themes found | purity | answers assigned | adjusted Rand index | time |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['method']} | {row['themes']} | {row['purity']:.2f} | {row['assigned']:.0%} | "
            f"{row['ari']:.2f} | {row['seconds']:.2f} s |"
        )
    for row in rows:
        print(f"\n{row['method']}:\n  " + "\n  ".join(row["names"]))


if __name__ == "__main__":
    main()
