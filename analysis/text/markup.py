"""HTML left in a text: tags (``<p>``) and character references (``&quot;``, ``&#8217;``).

Text scraped from a site or exported from a news database often keeps them. The study scores a text as
it is given, so they are words to it: a tag's name and a reference's name count as words (``&quot;``
is the word "quot"), and a quotation mark or an apostrophe written as a reference is not read as one,
so the quotation it opens is not found (its loaded words count as the author's, its speaker is not
found) and "Trump&#8217;s" is not the possessive of "Trump". The corpus readers warn about both and
notebook 01 counts them for the report; the texts are never changed (``docs/researchers.md`` says how
to decode them).
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

__all__ = ["HTML_REFERENCE", "HTML_TAG", "html_references", "html_tags"]

# An HTML tag (bounded, so the search is linear).
HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|b|i|em|strong|br|hr|html|body|head|meta|link|script|style|img|iframe|h[1-6]|ul|ol|li"
    r"|table|tr|td|th|blockquote|section|article|header|footer|nav|figure|figcaption)\b[^<>]{0,500}>",
    re.I,
)
# A character reference: numeric (decimal or hexadecimal) or one of HTML 4's named ones (and XHTML's &apos;),
# with its semicolon. Names are case-sensitive (&Eacute; and &eacute; differ); "AT&T;" names none.
HTML_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|"
    + "|".join(sorted({*name2codepoint, "apos"}, key=lambda name: (-len(name), name)))
    + r");"
)


def html_tags(text: str) -> bool:
    """Whether ``text`` holds an HTML tag (:data:`HTML_TAG`).

    Example:
        >>> html_tags("<p>Talks failed.</p>"), html_tags("a < b and c > d"), html_tags("x<y>z")
        (True, False, False)
    """
    return "<" in text and HTML_TAG.search(text) is not None


def html_references(text: str) -> list[str]:
    """The HTML character references in ``text`` (:data:`HTML_REFERENCE`), in order.

    Example:
        >>> html_references("Trump&#8217;s &quot;plan&quot; &amp; AT&T; &copy &#x2019;")
        ['&#8217;', '&quot;', '&quot;', '&amp;', '&#x2019;']
    """
    return HTML_REFERENCE.findall(text) if "&" in text else []
