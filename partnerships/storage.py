"""Private file storage for partnership uploads (logos, documents).

Files live outside MEDIA_ROOT, under PARTNERSHIPS_PRIVATE_ROOT (default var/private), so no
web server can hand them out by URL: they are served only by the permission-checked download
views. The location is read from settings on every use, so tests can point it elsewhere.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(
            getattr(settings, "PARTNERSHIPS_PRIVATE_ROOT", None)
            or Path(settings.BASE_DIR) / "var" / "private"
        )

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no public URL: use the download view")


_storage = PrivateFileStorage()


def private_storage():
    return _storage
