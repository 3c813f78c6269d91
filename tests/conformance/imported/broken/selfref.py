from .selfref import missing_name
