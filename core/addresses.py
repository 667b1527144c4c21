"""Addresses of many records of one kind from a single reverse().

reverse() resolves the pattern afresh on every call; a page that links hundreds of records (the
funding timetable, the national review dashboard) spent a fifth of its time there.
"""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

# What reverse() leaves unquoted in a path (django.urls.resolvers._reverse_with_prefix).
PATH_SAFE = "/~:@!$&'()*+,;="


def address_maker(view_name: str, kwarg: str, marker, **fixed) -> Callable[[object], str]:
    """A function giving reverse(view_name, kwargs={kwarg: value, **fixed}) for any value.

    `marker` is a value the URL pattern accepts (an integer for <int:...>) that appears
    nowhere else in the address; each value is put in its place, quoted as reverse() quotes it.
    """
    head, tail = reverse(view_name, kwargs={kwarg: marker, **fixed}).split(str(marker))
    return lambda value: f"{head}{quote(str(value), safe=PATH_SAFE)}{tail}"
