"""Presentation: everything a document's outputs say, computed once and read by every
template and every check (event: an event file's; issue: a newsletter file's)."""
