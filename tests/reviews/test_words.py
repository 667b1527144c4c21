"""Issue 17: the regional review's sentences read correctly."""

from reviews import ratings
from reviews.selectors import dimension_summaries

DIMENSIONS = {d.key: d for d in ratings.DIMENSIONS}


def test_summaries_agree_in_number():
    analysis = DIMENSIONS["analysis"]
    assert analysis.summary_text(red=1, total=5) == "1 of 5 partnerships has no analyst"
    assert analysis.summary_text(red=2, total=5) == "2 of 5 partnerships have no analyst"
    assert analysis.summary_text(red=1, total=1) == "1 of 1 partnership has no analyst"
    assert (
        DIMENSIONS["statutory"].summary_text(red=1, total=3)
        == "1 of 3 partnerships is missing two or more responsible authorities"
    )


def test_a_summary_with_none_red_says_so_rather_than_0_of_5():
    assert (
        DIMENSIONS["istv"].summary_text(red=0, total=5)
        == "No partnership is rated red on ISTV (A&E) data flowing"
    )


class _Row:
    def __init__(self, rating):
        self.results = {d.key: ratings.Result(rating, "") for d in ratings.DIMENSIONS}


def test_the_counts_beside_a_summary_leave_out_the_empty_ratings():
    [first, *_] = dimension_summaries([_Row(ratings.AMBER)] * 5)
    assert first["text"].startswith("No partnership is rated red")
    assert first["counts_text"] == "5 amber"
    [first, *_] = dimension_summaries([_Row(ratings.AMBER), _Row(ratings.RED)])
    assert first["counts_text"] == "1 amber, 1 red"


def test_the_reason_beside_a_tag_does_not_repeat_the_rating():
    result = ratings.rate_analysis(capacity="none", analysts=0)
    assert result.explanation == "Red: no analyst"  # the CSV keeps it whole
    assert result.reason == "no analyst"


def test_coverage_without_any_delivery_due_does_not_mention_late_data():
    result = ratings.rate_coverage(expected=18, gaps=18, due=0, on_time=0)
    assert result.reason == (
        "18 of 18 prescribed datasets have no agreement in force (100%); "
        "no delivery has fallen due yet"
    )
    result = ratings.rate_coverage(expected=4, gaps=1, due=2, on_time=2)
    assert result.reason.startswith(
        "1 of 4 prescribed datasets has no agreement in force or "
        "late data (25%); 2 of 2 due deliveries on time"
    )


def test_titles_keep_their_abbreviations_inside_a_sentence():
    assert DIMENSIONS["istv"].title_in_sentence == "ISTV (A&E) data flowing"
    assert DIMENSIONS["analysis"].title_in_sentence == "analytical capacity"
