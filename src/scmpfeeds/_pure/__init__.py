"""The pure-Python twins of the compiled core: the reference each one is held to.

Each module here has the name of its compiled twin in :mod:`scmpfeeds._compiled`
and exports the same functions with the same signatures (``tests/test_project.py``
holds them to the twin's ``.pyi``).  :mod:`scmpfeeds._implementation` chooses one
of the two, once, and the code that uses them calls whichever was chosen.
"""
