"""The reading view: a page as readers see it, rendered as plain text."""
