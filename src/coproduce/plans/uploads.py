"""Advice documents: allowed by what the file is (its first bytes), not by its name; capped in size;
stored privately under a random name."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    name: str
    content_type: str
    extension: str


PDF = FileType("PDF", "application/pdf", "pdf")
DOCX = FileType("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
PNG = FileType("PNG image", "image/png", "png")
JPEG = FileType("JPEG image", "image/jpeg", "jpg")


class UploadRefused(ValueError):
    pass


def identify(upload) -> FileType:
    """What the uploaded file really is, or ``UploadRefused`` with a message for the person."""
    if upload.size > MAX_BYTES:
        raise UploadRefused("The file must be smaller than 10MB")
    if upload.size == 0:
        raise UploadRefused("The file is empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                if "word/document.xml" in archive.namelist():
                    upload.seek(0)
                    return DOCX
        except zipfile.BadZipFile:
            pass
        finally:
            upload.seek(0)
    raise UploadRefused("The file must be a PDF, a Word document (DOCX), or a JPG or PNG image")


def private_name(file_type: FileType) -> str:
    return f"{uuid.uuid4().hex}.{file_type.extension}"
