"""django-filter's record choices read with one plain query per form.

Django reads a list of records' choices through a server-side cursor (DECLARE ... WITH HOLD, a
fetch, a close) each time the list is gone through; a filter panel goes through its lists for
the digest of {% cached_crispy %} on every request, and again to lay them out when not kept.
"""

import django_filters
import django_filters.fields


class ListedChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """A list of records' choices read with one plain query, once for each form: the form's
    own copy of the queryset keeps the rows, so the layout reads no more."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ListedChoiceIterator


class ListedMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    iterator = ListedChoiceIterator


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedChoiceField


class ListedMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ListedMultipleChoiceField
