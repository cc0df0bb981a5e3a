"""``python -m scmpfeeds``: the same as the ``scmpfeeds`` command."""

import sys

from .cli import main

sys.exit(main())
