"""A page of rows without a total: one query fetches the page and one row more, which tells
whether there is a next page. Counting every row of a large table would cost as much as the
page itself, so the lists that grow large page this way."""

from dataclasses import dataclass, field


def page_number(page) -> int:
    """The page asked for (``?page=3``), 1 for anything that is not a positive whole number."""
    text = str(page or "1")
    return max(int(text), 1) if text.isascii() and text.isdigit() else 1


@dataclass
class UncountedPage:
    """One page of ``rows``; ``number``, ``has_previous`` and ``has_next`` page through the rest
    (what a template's pagination asks of a page; ``page_obj`` is the page itself)."""

    rows: list = field(default_factory=list)
    number: int = 1
    has_next: bool = False

    @classmethod
    def of(cls, queryset, page, per_page: int) -> "UncountedPage":
        number = page_number(page)
        start = (number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        return cls(rows[:per_page], number, len(rows) > per_page)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def page_obj(self) -> "UncountedPage":
        return self

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1
