"""Private storage for attached evaluation reports.

Files live outside MEDIA_ROOT, under GOODPRACTICE_PRIVATE_ROOT (default var/private), so no web
server hands them out by URL: only the permission-checked download view serves them. The location
is read from settings on every use, so tests can point it elsewhere.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateReportStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(
            getattr(settings, "GOODPRACTICE_PRIVATE_ROOT", None)
            or Path(settings.BASE_DIR) / "var" / "private"
        )

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no public URL: use the download view")


_storage = PrivateReportStorage()


def private_storage():
    return _storage
