"""The fields a browser would post back from a page's form, read from its HTML."""
from html.parser import HTMLParser


class FormCollector(HTMLParser):
    """Inputs, checked boxes, selected options and textareas, with their current values."""

    def __init__(self):
        super().__init__()
        self.fields, self._select, self._textarea, self._options, self._text = [], None, None, [], ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select and "selected" in attrs:
            self._options.append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.fields += [(self._select, v) for v in self._options]
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_data(html):
    """The page's fields as a dict of lists, ready for the test client's post()."""
    collector = FormCollector()
    collector.feed(html)
    data = {}
    for name, value in collector.fields:
        data.setdefault(name, []).append(value)
    return data
