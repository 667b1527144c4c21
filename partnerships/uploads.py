"""Checks on uploaded files: by size, by declared type and by content (magic bytes, Pillow).

A file is accepted only when its name's extension is an allowed type and its bytes really are
that type; the stored name is then random (see models._stored_name), never the uploaded one.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

from core.uploads import check_file_name

MB = 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * MB
MAX_LOGO_BYTES = 2 * MB
MAX_LOGO_PIXELS = 4000 * 4000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# extension -> (content type, how to recognise the content)
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", "pdf"),
    ".doc": ("application/msword", "ole"),
    ".xls": ("application/vnd.ms-excel", "ole"),
    ".ppt": ("application/vnd.ms-powerpoint", "ole"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
    ".odt": ("application/vnd.oasis.opendocument.text", "odf"),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    ".odp": ("application/vnd.oasis.opendocument.presentation", "odf"),
}
DOCUMENT_TYPES_TEXT = "PDF, Word, Excel, PowerPoint or OpenDocument"
LOGO_TYPES = {"PNG": (".png", "image/png"), "JPEG": (".jpg", "image/jpeg")}


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    original_name: str


def content_type_for(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in DOCUMENT_TYPES:
        return DOCUMENT_TYPES[suffix][0]
    for extension, content_type in LOGO_TYPES.values():
        if suffix == extension:
            return content_type
    return "application/octet-stream"


def _safe_original_name(name: str) -> str:
    base = Path(name or "").name[-150:]
    try:
        return get_valid_filename(base)
    except Exception:  # Django raises SuspiciousFileOperation for names like ".."
        return "document"


def _head(upload, size: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _zip_names(upload) -> list[str] | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                names.append(
                    "mimetype:" + archive.read("mimetype")[:100].decode("ascii", "replace")
                )
            return names
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    finally:
        upload.seek(0)


def _content_matches(upload, extension: str) -> bool:
    content_type, signature = DOCUMENT_TYPES[extension]
    head = _head(upload)
    if signature == "pdf":
        return head.startswith(b"%PDF-")
    if signature == "ole":
        return head.startswith(OLE_MAGIC)
    if not head.startswith(ZIP_MAGIC):
        return False
    names = _zip_names(upload)
    if names is None:
        return False
    if signature == "odf":
        return f"mimetype:{content_type}" in names
    return "[Content_Types].xml" in names and any(name.startswith(signature) for name in names)


def check_document(upload) -> CheckedFile:
    """Accept a PDF or Office document of at most 20 MB whose content matches its type."""
    check_file_name(upload)
    extension = Path(upload.name or "").suffix.lower()
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            f"The selected file must be a {DOCUMENT_TYPES_TEXT} file", code="type"
        )
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError("The selected file must be smaller than 20 MB", code="size")
    if not _content_matches(upload, extension):
        raise ValidationError(
            f"The selected file is not a real {extension[1:].upper()} file: its content does not "
            "match its type",
            code="content",
        )
    return CheckedFile(extension, DOCUMENT_TYPES[extension][0], _safe_original_name(upload.name))


def check_logo(upload) -> CheckedFile:
    """Accept a PNG or JPEG image of at most 2 MB that Pillow can read."""
    from PIL import Image

    check_file_name(upload)
    extension = Path(upload.name or "").suffix.lower()
    if extension not in (".png", ".jpg", ".jpeg"):
        raise ValidationError("The selected logo must be a PNG or JPEG image", code="type")
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError("The selected logo must be smaller than 2 MB", code="size")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except Exception as error:  # Pillow raises many kinds of error for a bad image
        raise ValidationError(
            "The selected logo is not a real PNG or JPEG image", code="content"
        ) from error
    finally:
        upload.seek(0)
    if image_format not in LOGO_TYPES:
        raise ValidationError("The selected logo must be a PNG or JPEG image", code="content")
    if width * height > MAX_LOGO_PIXELS:
        raise ValidationError(
            "The selected logo must be at most 4000 by 4000 pixels", code="pixels"
        )
    real_extension, content_type = LOGO_TYPES[image_format]
    if (extension in (".jpg", ".jpeg")) != (real_extension == ".jpg"):
        raise ValidationError(
            f"The selected logo is not a real {extension[1:].upper()} image: its content is "
            f"{image_format}",
            code="content",
        )
    return CheckedFile(real_extension, content_type, _safe_original_name(upload.name))
