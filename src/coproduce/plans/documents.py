"""The plan as a whole document: the printable page, the tagged PDF, and advice files."""

from __future__ import annotations

from django.core.files.base import File
from django.template.loader import render_to_string
from django.utils import timezone

from coproduce.plans import selectors
from coproduce.plans.pictures import PICTURE_WORDS
from coproduce.plans.uploads import private_name
from coproduce.rules.plan_sections import SECTIONS
from coproduce.web.pdf import tagged_pdf


def with_document(data: dict, form) -> dict:
    """Adds the uploaded file, stored under a random name, to an advice item's data."""
    upload = form.cleaned_data.get("document")
    if not upload:
        return data
    file_type = form.file_type
    return data | {
        "document": File(upload, name=private_name(file_type)),
        "document_name": (upload.name or "advice")[:200],
        "document_type": file_type.content_type,
        "document_size": upload.size,
    }


def with_image(data: dict, form) -> dict:
    """Adds a child's drawing or photo, stored privately under a random name, to a view's data."""
    upload = data.pop("image", None)
    if not upload:
        return data
    return data | {
        "image": File(upload, name=private_name(form.image_type)),
        "image_type": form.image_type.content_type,
    }


def whole_plan_context(access, plan) -> dict:
    return {
        "access": access,
        "child": access.child,
        "plan": plan,
        "contents": [selectors.section_content(plan, s) for s in SECTIONS],
        "pictures": PICTURE_WORDS,
        "agreements": selectors.latest_agreements(plan),
        "comments": selectors.all_comments(plan),
        "generated_at": timezone.now(),
    }


def plan_pdf(request, access, plan) -> bytes:
    """A tagged PDF (PDF/UA) of the plan in A to K order, naming its version and date."""
    html = render_to_string("plans/plan_pdf.html", whole_plan_context(access, plan), request=request)
    return tagged_pdf(html, str(plan.pk))
