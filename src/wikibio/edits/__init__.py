"""Edits that compute splices in the page's own style; the article applies them."""
