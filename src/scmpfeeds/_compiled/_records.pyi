# Nothing here is called from Python: the other compiled modules cimport it.
