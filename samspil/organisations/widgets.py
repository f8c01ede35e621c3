"""A select for long lists (the register's organisations, a survey's companies) rendered in
Python rather than option by option through the template engine: thousands of options cost
milliseconds instead of seconds. The HTML is what Django's ``Select`` renders."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class Select(forms.Select):
    """With ``label_field``, a model choice field's options are read as (id, that field) rows,
    without making a model instance per option (for models whose ``str`` is that field)."""

    # Named ``Select`` so the design system's class is given to it as to Django's own.

    def __init__(self, attrs=None, choices=(), label_field: str | None = None):
        super().__init__(attrs, choices)
        self.label_field = label_field

    def _rows(self):
        iterator = self.choices
        field = getattr(iterator, "field", None)
        if self.label_field is None or field is None or not hasattr(iterator, "queryset"):
            return iterator
        rows = iterator.queryset.values_list("pk", self.label_field)
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        return [*empty, *rows]

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for option_value, label in self._rows():
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(option_value)}">')
                parts.extend(self._option(v, text, chosen) for v, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, label, chosen))
        parts.append("</select>")
        return mark_safe("\n".join(parts))

    @staticmethod
    def _option(value, label, chosen) -> str:
        value = "" if value is None else str(value)
        selected = " selected" if value in chosen else ""
        return f'<option value="{escape(value)}"{selected}>{escape(label)}</option>'
