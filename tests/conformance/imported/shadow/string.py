# Shadows the library's string when this folder is first on sys.path, as in CPython.
ascii_letters = "the local string module"
