"""Tagged PDFs (PDF/UA) made by WeasyPrint from our own templates, reading only Coproduce's own files."""

from __future__ import annotations


def local_fetcher():
    """WeasyPrint may read Coproduce's own static files from disk, and nothing from any network."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFiles(URLFetcher):
        def fetch(self, url, headers=None):
            path = url.split("://", 1)[-1]
            path = path[path.find("/") :] if "/" in path else path
            if path.startswith(settings.STATIC_URL):
                found = finders.find(path.removeprefix(settings.STATIC_URL))
                if found:
                    with open(found, "rb") as handle:
                        body = handle.read()
                    kind = "image/svg+xml" if found.endswith(".svg") else "application/octet-stream"
                    return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})
            raise ValueError("A Coproduce PDF only uses Coproduce's own files")

    return LocalFiles()


def tagged_pdf(html: str, identifier: str) -> bytes:
    """The page as a tagged PDF for screen readers (PDF/UA-1), with a stable document identifier."""
    from weasyprint import HTML

    return HTML(string=html, base_url="http://coproduce.local/", url_fetcher=local_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode()
    )
