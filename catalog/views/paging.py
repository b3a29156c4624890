"""Pagination that answers a bad page number with a message, not an error page."""
from django.core.paginator import EmptyPage, Paginator


class BadParameter(ValueError):
    """A query parameter the reader can correct; the view answers 400 with this message."""


def paginate(queryset, request, per_page):
    """The requested page of ``queryset``.

    A page that is not a number is the reader's mistake (400); a page past the end is
    simply empty, with ``page.past_end`` set so the template can say so.
    """
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1 or len(raw) > 9:
        raise BadParameter("The page number must be a whole number from 1 up.")
    number = int(raw)
    try:
        page = paginator.page(number)
        page.past_end = False
    except EmptyPage:
        page = paginator.page(1) if paginator.count == 0 else paginator.page(paginator.num_pages)
        page.object_list = []
        page.past_end = True
        page.requested = number
    return page
