"""scmpfeeds: typed, strict and fast parsers for South China Morning Post feed data."""

from importlib.metadata import version as _version

from . import samples as samples
from ._dedupe import Keep, Key, article_key, dedupe, merge_articles
from ._ids import TRACKING_PARAMETERS, article_id, canonical_url
from ._implementation import COMPILED
from ._losses import Loss, OnLoss
from ._model import Article, Feed, Media, MediaKind, Problem
from ._source import Report, Source
from .detect import Format, detect_format, iter_articles, parse
from .digest import (
    Digest,
    DigestEntry,
    Highlight,
    parse_bilingual_digest,
    render_bilingual_digest,
)
from .errors import ParseError, ParseWarning, RenderError, RenderWarning, ScmpFeedsError
from .files import Paths, Plan, Twins, find_files, plan, read, read_file
from .json_entries import iter_json_entries, parse_json_entries
from .markdown_dump import iter_markdown_dump, parse_markdown_dump, render_markdown_dump
from .records import read_csv, read_jsonl, write_csv, write_jsonl
from .rss import iter_rss, parse_rss, render_rss
from .tables import (
    from_arrow,
    read_parquet,
    record_batches,
    to_arrow,
    to_pandas,
    write_parquet,
)

__version__ = _version("scmpfeeds")

__all__ = [
    "COMPILED",
    "TRACKING_PARAMETERS",
    "Article",
    "Digest",
    "DigestEntry",
    "Feed",
    "Format",
    "Highlight",
    "Keep",
    "Key",
    "Loss",
    "Media",
    "MediaKind",
    "OnLoss",
    "ParseError",
    "ParseWarning",
    "Paths",
    "Plan",
    "Problem",
    "RenderError",
    "RenderWarning",
    "Report",
    "ScmpFeedsError",
    "Source",
    "Twins",
    "__version__",
    "article_id",
    "article_key",
    "canonical_url",
    "dedupe",
    "detect_format",
    "find_files",
    "from_arrow",
    "iter_articles",
    "iter_json_entries",
    "iter_markdown_dump",
    "iter_rss",
    "merge_articles",
    "parse",
    "parse_bilingual_digest",
    "parse_json_entries",
    "parse_markdown_dump",
    "parse_rss",
    "plan",
    "read",
    "read_csv",
    "read_file",
    "read_jsonl",
    "read_parquet",
    "record_batches",
    "render_bilingual_digest",
    "render_markdown_dump",
    "render_rss",
    "to_arrow",
    "to_pandas",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
