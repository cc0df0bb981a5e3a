"""RSS 2.0, as SCMP serves it, read with lxml.

The shape we accept (namespaces are matched by URI, never by prefix)::

    rss      = <rss> channel </rss>
    channel  = <channel> { meta | item } </channel>
    meta     = title | link | description | language | image/url
             | atom:link[@rel="self"] | any other element (kept in Feed.extra)
    item     = <item> { title | link | guid | description | pubDate | author
             | dc:creator | category | enclosure | media:content | media:thumbnail
             | media:group | content:encoded | any other element } </item>

Where each item element goes:

* ``title`` → :attr:`Article.title` (entities decoded by the XML parser);
* ``link`` → :attr:`Article.link`, with ``url`` and ``id`` computed from it; the
  ``guid`` is the fallback when there is no link (and for the ID).  An item with
  neither is an article with no link, URL or ID.  Every item element is
  optional, as RSS 2.0 says, but a title or a description must be present (even
  empty): an item with neither is invalid RSS, and a problem that holds its raw
  text, never an article;
* ``guid`` and its ``isPermaLink`` → ``extra`` as ``guid`` and ``guid isPermaLink``;
* ``description`` → :attr:`Article.summary` as plain text.  When it holds HTML
  (in CDATA or escaped, or markup written as elements: an inline SVG, MathML),
  the summary is the text a reader sees and the raw markup is kept in ``extra``
  as ``description html``.  SCMP cuts descriptions with ``...``:
  :attr:`Article.summary_truncated` says so, and nothing is added to the text;
* ``pubDate`` → :attr:`Article.published` (RFC 822; the offset is preserved,
  ``HKT`` is UTC+8); ``dc:date`` (ISO 8601) when there is no ``pubDate``;
* ``author`` and ``dc:creator`` → :attr:`Article.authors`, split on commas and a
  final `` and `` (SCMP writes ``Iris Deng,Ann Cao``), without repeats;
* ``enclosure``, ``media:content`` and ``media:thumbnail`` → :attr:`Article.media`;
  Media RSS is recognised under SCMP's ``http://www.rssboard.org/media-rss`` and
  the usual ``http://search.yahoo.com/mrss/``.  Entries for the same URL are
  merged into one :class:`Media`, whose ``kind`` (image, video, audio, other)
  comes from ``medium``, else the MIME ``type``, else the URL's extension, and
  whose ``duration`` is Media RSS's.  SCMP's enclosure ``length`` is the width of
  an image and the duration in seconds of a video, not a byte count, so it is
  kept as text, as given;
* ``category`` and every other element → ``extra`` (name, text), in order;
* ``content:encoded`` → :attr:`Article.body`, one paragraph per block element.

``xml:base`` is ignored: SCMP sets it to the bogus value ``"link"``.

The XML parser never resolves entities, loads a DTD or touches the network, and
keeps lxml's limits on text size (no ``huge_tree``).  A document that declares
entities is refused outright: that is how XML bombs and external-entity attacks
begin, and no feed needs it.
"""

from ._media import media_kind
from ._stream import iter_rss, parse_rss
from ._writer import render_rss

__all__ = ["iter_rss", "media_kind", "parse_rss", "render_rss"]
