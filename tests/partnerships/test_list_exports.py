"""CSV exports of the groups and meetings and of the document register."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from .factories import AttendanceFactory, DocumentFactory, GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def url(world, name):
    return reverse(f"partnerships:{name}", kwargs={"code": world.partnership.ons_code})


def test_groups_export_has_a_row_per_meeting_and_a_group_without_any(world, client_for):
    board = GroupFactory(partnership=world.partnership, name="Strategic board")
    GroupFactory(partnership=world.partnership, name="Area tasking group")
    GroupFactory(partnership=world.other_partnership, name="Boltham board")
    meeting = MeetingFactory(group=board, held_on=date(2025, 3, 4))
    AttendanceFactory(meeting=meeting, attended=True)
    found = rows(client_for("manager_this").get(url(world, "export-groups")))
    assert [r[0] for r in found[1:]] == ["Area tasking group", "Strategic board"]
    assert found[2][3:] == ["2025-03-04", "1", "1"] and found[1][3:] == ["", "", ""]


def test_documents_export_lists_the_register(world, client_for):
    DocumentFactory(partnership=world.partnership, title="Strategic assessment 2025")
    DocumentFactory(partnership=world.other_partnership, title="Not ours")
    found = rows(client_for("staff_this").get(url(world, "export-documents")))
    assert [r[1] for r in found[1:]] == ["Strategic assessment 2025"]
    assert client_for("manager_other").get(url(world, "export-documents")).status_code == 404
