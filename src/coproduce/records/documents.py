"""The subject access export as a tagged PDF, from the same content as the JSON download."""

from __future__ import annotations

from django.template.loader import render_to_string

from coproduce.records import exports
from coproduce.records.models import AccessRequest
from coproduce.web.pdf import tagged_pdf


def export_pdf(access_request: AccessRequest, content: dict, *, is_released: bool) -> bytes:
    """The export as a PDF: the released copy, or (for the officer checking it) the draft marked as such."""
    html = render_to_string(
        "records/export_pdf.html",
        {
            "child": access_request.child,
            "access_request": access_request,
            "content": content,
            "sections": exports.readable(content),
            "is_released": is_released,
        },
    )
    return tagged_pdf(html, str(access_request.pk))
