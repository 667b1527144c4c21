"""The check every upload of the portal makes on the file's name, before its type and content.

Django already drops any directory part ("../../etc/passwd" arrives as "passwd") and NUL bytes
from an uploaded file's name, and the portal never stores a file under its uploaded name. What
is left is refused here when it could still do harm where the name is shown or offered back
as a download name: markup or shell characters, control characters, a name that is only an
extension, or one too long to show.
"""

import unicodedata

from django.core.exceptions import ValidationError

MAX_NAME_LENGTH = 200
FORBIDDEN_CHARACTERS = set('<>:"/\\|?*')


def check_file_name(upload) -> None:
    name = getattr(upload, "name", "") or ""
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"The selected file’s name must be {MAX_NAME_LENGTH} characters or fewer: rename "
            "the file and choose it again",
            code="name",
        )
    if (
        not name.strip()
        or name.startswith(".")
        or any(ch in FORBIDDEN_CHARACTERS or unicodedata.category(ch)[0] == "C" for ch in name)
    ):
        raise ValidationError(
            'The selected file’s name must not start with a full stop or contain < > : " / \\ '
            "| ? * or control characters: rename the file and choose it again",
            code="name",
        )
