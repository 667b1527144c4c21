"""What apps know about a partnership's evidence, for pages of apps that cannot import them.

The overview shows each priority with its actions, the indicators that measure it and the
documents it comes from, with the data each document drew on: partnerships cannot import the
apps that know the data (datasharing) or the indicators (outcomes). A good-practice entry
records the data streams it drew on, and a stream's page lists those entries: goodpractice
and datasharing sit side by side and import neither the other.
"""

from collections.abc import Callable, Iterable

Lookup = Callable[[list[int]], dict[int, list[str]]]

_data_drawn_on: list[Lookup] = []
_indicators: list[Lookup] = []
_record_data_url: list[Callable[[object], str]] = []


def register_data_drawn_on(lookup: Lookup, *, record_url: Callable[[object], str]) -> None:
    """lookup(document_ids) -> {document id: ["ISTV data from Leeds General Infirmary", ...]};
    record_url(document) is the page where a manager records it."""
    _data_drawn_on.append(lookup)
    _record_data_url.append(record_url)


def record_data_url(document) -> str | None:
    """Where the data a document drew on is recorded, if an app records it."""
    return _record_data_url[0](document) if _record_data_url else None


def register_indicators(lookup: Lookup) -> None:
    """lookup(priority_ids) -> {priority id: ["Violence with injury: 10% down by March", ...]}."""
    _indicators.append(lookup)


def _gather(lookups: list[Lookup], ids: Iterable[int]) -> dict[int, list[str]]:
    ids = sorted(set(ids))
    found: dict[int, list[str]] = {}
    if not ids:
        return found
    for lookup in lookups:
        for pk, labels in lookup(ids).items():
            found.setdefault(pk, []).extend(labels)
    return found


def data_drawn_on(document_ids: Iterable[int]) -> dict[int, list[str]]:
    return _gather(_data_drawn_on, document_ids)


def indicators(priority_ids: Iterable[int]) -> dict[int, list[str]]:
    return _gather(_indicators, priority_ids)


# Data streams: a dataset one member agency provides to the partnership, keyed "agency:code".

_streams: list[Callable] = []
_stream_citations: list[Callable] = []


def register_streams(lookup: Callable) -> None:
    """lookup(partnership) -> [("12:istv", "ISTV data from Leeds General Infirmary"), ...]."""
    _streams.append(lookup)


def streams(partnership) -> list[tuple[str, str]]:
    return [stream for lookup in _streams for stream in lookup(partnership)]


def register_stream_citations(lookup: Callable) -> None:
    """lookup(partnership_id, agency_id, dataset_code) -> [(title, url), ...] of the records
    that drew on the stream."""
    _stream_citations.append(lookup)


def stream_citations(partnership_id: int, agency_id: int, code: str) -> list[tuple[str, str]]:
    return [
        cited for lookup in _stream_citations for cited in lookup(partnership_id, agency_id, code)
    ]
