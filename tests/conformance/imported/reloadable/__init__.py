# A package for x_importlib_specs (its spec has submodule_search_locations).
from . import part
