"""Sentence embeddings for suggesting themes: optional, offline, and off unless asked for.

Only used when the ``embeddings`` extra is installed (``pip install "coproduce[embeddings]"``, which
brings WordLlama) AND ``COPRODUCE_SURVEY_THEME_EMBEDDINGS=true``. WordLlama's wheel carries its model
(weights and tokenizer, about 18 MB); it is loaded from the installed package with downloads disabled,
so nothing is ever fetched at run time. Without the extra, or with the setting off, ``embedder()``
gives None and themes are suggested the light way (``rules/themes.py``). Decision record 10 compares
the two.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from coproduce.rules.themes import Embed

log = logging.getLogger(__name__)


@functools.cache
def load_model():
    """WordLlama's default model, from the files inside its installed package; None if not installed."""
    try:
        import wordllama
    except ImportError:
        log.warning("Theme embeddings are turned on but the 'embeddings' extra is not installed: using words")
        return None
    # The package keeps its tokenizer in "tokenizers/", where WordLlama looks for a cache: pointing the
    # cache at the package finds both files there, and disable_download makes any gap an error instead
    # of a download.
    return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed_with(model) -> Embed:
    def embed(texts: Sequence[str]) -> list[list[float]]:
        return [[float(value) for value in row] for row in model.embed(list(texts), norm=True)]

    return embed


def embedder() -> Embed | None:
    """The function that turns answers into sentence embeddings, or None to use the light method."""
    if not settings.SURVEY_THEME_EMBEDDINGS:
        return None
    model = load_model()
    return embed_with(model) if model is not None else None
