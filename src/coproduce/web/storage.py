"""Static files: compressed, and named by their content so browsers may keep them for a year."""

from __future__ import annotations

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFiles(CompressedManifestStaticFilesStorage):
    """Also rewrites the imports in our own JavaScript modules (``init.mjs`` imports GOV.UK Frontend) to the
    hashed names, so the imported file is cached for a year instead of asked for again on every page.
    Django's own switch for this (``support_js_module_import_aggregation``) applies to every ``.js`` file,
    and some of our dependencies' scripts import paths it cannot resolve; this applies Django's rewriting
    to our modules only."""

    patterns = (
        *CompressedManifestStaticFilesStorage.patterns,
        ("coproduce/*.mjs", HashedFilesMixin._js_module_import_aggregation_patterns[1]),
    )
