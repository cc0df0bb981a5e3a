"""HTML to text: a description or ``content:encoded`` as the words a reader sees."""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

_TAG_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9]*\b[^<>]*|/[A-Za-z][A-Za-z0-9]*\s*)>")
_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"blockquote", "pre", "table", "tr", "figure", "figcaption", "hr"}
)


# Elements whose text no reader sees: code and style sheets.
_HIDDEN_TAGS = frozenset({"script", "style", "template"})


def _html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment: block elements end lines; the text of
    ``<script>``, ``<style>`` and ``<template>``, which no reader sees, is left out."""
    if not _TAG_RE.search(markup):
        return html.unescape(markup).strip()
    try:
        fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(_TAG_RE.sub(" ", markup)).strip()
    hidden = [
        element
        for element in fragment.iter()
        if isinstance(element.tag, str) and element.tag.lower() in _HIDDEN_TAGS
    ]
    for element in hidden:
        element.drop_tree()  # (its tail, the text after it, stays)
    for element in fragment.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in fragment.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _html_paragraphs(markup: str) -> tuple[str, ...]:
    return tuple(_html_to_text(markup).split("\n")) if markup.strip() else ()
