"""Form fields shared by the apps."""

from django import forms

from capdev.core.places import sort_key


class _AlphabeticalChoices(forms.models.ModelChoiceIterator):
    """A field's choices in the alphabetical order of their labels in the active language.

    The database orders countries by their English name; a French page lists "Bhoutan"
    among the B's. The few hundred countries are sorted here, after the one query.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: sort_key(str(choice[1])))


class CountryChoiceField(forms.ModelChoiceField):
    """Countries named and sorted in the reader's language."""

    iterator = _AlphabeticalChoices


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Countries named and sorted in the reader's language."""

    iterator = _AlphabeticalChoices
