"""Sphinx configuration: Markdown pages (MyST) and an API reference from the docstrings."""

from __future__ import annotations

from importlib.metadata import version as _version

project = "scmpfeeds"
author = "The scmpfeeds developers"
copyright = "2026, The scmpfeeds developers"
release = _version("scmpfeeds")

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
# Type names the docstrings use that Sphinx cannot resolve without the network.
nitpicky = False

html_theme = "alabaster"
html_static_path: list[str] = []
