"""Every upload of the portal refuses, with a GOV.UK error summary and nothing stored: a file
over the size limit, a file of the wrong type (an executable, or HTML, under an allowed name),
and a file with a hostile name. Names are sent in raw multipart bodies, exactly as a hostile
client would send them, not as the test client would tidy them."""

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse

from datasharing.models import IstvReturn
from goodpractice.models import Entry
from partnerships.models import Document
from tests.datasharing.helpers import (
    istv_csv,
    istv_row,
    make_agreement,
    member_agency,
    signatory_for,
)
from tests.goodpractice.factories import COMPLETE
from tests.partnerships import factories as pf

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def private_roots(settings, tmp_path):
    """Every app's private files go under one directory of this test."""
    root = tmp_path / "private"
    settings.PARTNERSHIPS_PRIVATE_ROOT = str(root / "partnerships")
    settings.DATASHARING_PRIVATE_ROOT = str(root / "datasharing")
    settings.GOODPRACTICE_PRIVATE_ROOT = str(root / "goodpractice")
    settings.MEDIA_ROOT = str(root / "media")
    return root


def files_under(path: Path) -> list[Path]:
    return [p for p in path.rglob("*") if p.is_file()] if path.exists() else []


@dataclass
class Upload:
    """One upload form: how to reach it as someone allowed to use it, and a good file."""

    name: str
    field: str
    good_name: str
    good_content: bytes
    limit: int  # bytes

    def prepare(self, world, client_for):
        """(client, url, other form fields, function counting what was stored)"""
        return getattr(self, f"_{self.name}")(world, client_for)

    def _logo(self, world, client_for):
        url = reverse("partnerships:profile-edit", kwargs={"code": world.partnership.ons_code})
        data = {"structure": "unitary", "analytical_capacity": "none", "analyst_count": "0"}

        def stored():
            world.partnership.refresh_from_db()
            return int(bool(world.partnership.logo))

        return client_for("manager_this"), url, data, stored

    def _document(self, world, client_for):
        url = reverse("partnerships:document-add", kwargs={"code": world.partnership.ons_code})
        data = {"kind": "strategic_assessment", "title": "Strategic assessment 2026"}
        return client_for("manager_this"), url, data, Document.objects.count

    def _signed_copy(self, world, client_for):
        agreement = make_agreement(world)
        url = reverse("datasharing:signed-copy-upload", kwargs={"pk": agreement.pk})

        def stored():
            agreement.refresh_from_db()
            return int(bool(agreement.signed_copy))

        return client_for("staff_this"), url, {}, stored

    def _istv(self, world, client_for):
        from django.test import Client

        agency = member_agency(
            world.partnership,
            type_slug="emergency-department",
            name="Leedsford Hospital Emergency Department",
            site_code="RX101",
        )
        client = Client()
        client.force_login(
            signatory_for(agency, email="staff.ed@example.org"),
            backend="accounts.backends.EmailPasswordBackend",
        )
        data = {
            "agency": str(agency.pk),
            "period_start_0": "1",
            "period_start_1": "4",
            "period_start_2": "2025",
            "period_end_0": "30",
            "period_end_1": "4",
            "period_end_2": "2025",
            "period_start": "01/04/2025",
            "period_end": "30/04/2025",
        }
        return client, reverse("datasharing:istv-upload"), data, IstvReturn.objects.count

    def _report(self, world, client_for):
        from goodpractice.models import Theme

        data = {k: ("" if v is None else v) for k, v in COMPLETE.items()}
        data.update(
            {
                "title": "Safer nights",
                "themes": str(Theme.objects.get(slug="violence").pk),
                "maryland_level": "2",
                "partnership": str(world.partnership.pk),
                "evaluation_url": "",
            }
        )
        return (
            client_for("manager_this"),
            reverse("goodpractice:entry-create"),
            data,
            Entry.objects.count,
        )


UPLOADS = [
    Upload("logo", "logo", "brand.png", pf.PNG_BYTES, 2 * MB),
    Upload("document", "upload", "plan.pdf", pf.PDF_BYTES, 20 * MB),
    Upload("signed_copy", "file", "signed.pdf", b"%PDF-1.4 signed", 10 * MB),
    Upload("istv", "file", "april.csv", istv_csv([istv_row()]), 5 * MB),
    Upload("report", "evaluation_report", "evaluation.pdf", b"%PDF-1.4 the report", 10 * MB),
]


def multipart(fields: dict, file_field: str, file_name: bytes, content: bytes):
    """A multipart body with the file's name exactly as given (no tidying)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{item}\r\n".encode()
            )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="'.encode()
        + file_name
        + b'"\r\nContent-Type: '
        b"application/octet-stream\r\n\r\n" + content + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(client, url, fields, upload: Upload, file_name, content):
    body, content_type = multipart(fields, upload.field, file_name, content)
    return client.post(url, data=body, content_type=content_type)


def assert_refused(response, stored, private_roots, why):
    assert response.status_code == 200, f"{why}: {response.status_code}"
    page = response.content.decode()
    assert "govuk-error-summary" in page and "There is a problem" in page, why
    assert stored() == 0, f"{why}: stored"
    assert files_under(private_roots) == [], f"{why}: a file was written"


def oversized(upload: Upload) -> bytes:
    padding = b"\n" if upload.name == "istv" else b"\0"
    return upload.good_content + padding * (upload.limit - len(upload.good_content) + 1)


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda u: u.name)
def test_an_upload_too_big_or_of_the_wrong_type_is_refused(
    upload, world, client_for, private_roots
):
    client, url, fields, stored = upload.prepare(world, client_for)
    extension = Path(upload.good_name).suffix.encode()
    cases = {
        "over the size limit": (upload.good_name.encode(), oversized(upload)),
        "an executable": (b"setup" + extension, EXECUTABLE),
        "HTML": (b"page" + extension, HTML),
        "a good file under an executable's name": (b"setup.exe", upload.good_content),
        "an HTML name": (b"page.html", upload.good_content),
        "empty": (upload.good_name.encode(), b""),
    }
    for why, (name, content) in cases.items():
        assert_refused(
            post(client, url, fields, upload, name, content),
            stored,
            private_roots,
            f"{upload.name}, {why}",
        )
    # The same form takes the good file: the refusals above were about the file.
    response = post(client, url, fields, upload, upload.good_name.encode(), upload.good_content)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert stored() == 1


HOSTILE_NAMES = [
    b"<img src=x onerror=alert(1)>",
    b"x" * 240,
    b'quote" onmouseover="alert(1)',
    b"pipe|rm -rf ~",
    b"",  # only the extension: ".pdf"
]


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda u: u.name)
def test_an_upload_with_a_hostile_name_is_refused(upload, world, client_for, private_roots):
    client, url, fields, stored = upload.prepare(world, client_for)
    extension = Path(upload.good_name).suffix.encode()
    for name in HOSTILE_NAMES:
        response = post(client, url, fields, upload, name + extension, upload.good_content)
        assert_refused(response, stored, private_roots, f"{upload.name}, {name[:30]!r}")
    # A path, or a NUL or other control character to cut the name short, never reaches the
    # disk: the server drops directories and control characters, so what is left must pass
    # every check on its own.
    for name in (
        b"../../../etc/passwd",
        b"..\\..\\windows\\system32\\cmd.exe",
        b"/etc/passwd\x00" + extension,
        b"shell.exe\x00" + extension,
        b"shell\x1b[2J\t" + extension,
    ):
        response = post(client, url, fields, upload, name, EXECUTABLE)
        assert_refused(response, stored, private_roots, f"{upload.name}, {name!r}")


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda u: u.name)
def test_a_path_in_a_good_file_s_name_is_dropped_and_the_file_stays_in_its_place(
    upload, world, client_for, private_roots, tmp_path
):
    client, url, fields, stored = upload.prepare(world, client_for)
    name = (
        b"../../../../../../"
        + str(tmp_path).encode().lstrip(b"/")
        + b"/escaped"
        + (Path(upload.good_name).suffix.encode())
    )
    response = post(client, url, fields, upload, name, upload.good_content)
    assert response.status_code == 302 and stored() == 1
    assert not (tmp_path / ("escaped" + Path(upload.good_name).suffix)).exists()
    written = files_under(tmp_path)
    assert all(private_roots in p.parents for p in written), written
