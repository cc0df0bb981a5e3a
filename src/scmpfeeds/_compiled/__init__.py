"""The compiled core: Cython twins of the hot paths, over lxml's C API.

Each ``.pyx`` here is the twin of a pure-Python reference (named in its
docstring).  Nothing imports these modules but :mod:`scmpfeeds._implementation`,
which chooses, once, which of the two ways runs.
"""
