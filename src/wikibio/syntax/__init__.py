"""The syntax layer: strings in, nodes and offsets out.

``scan`` models MediaWiki's preprocessor; ``inline`` reads the inline markup of small spans
(the only user of mwparserfromhell); ``names`` normalises page names; ``attributes`` reads
tag attributes as the Sanitizer does; ``arguments`` and ``compose`` write wikitext that
means what the caller gave, in a page's style or the house style.
"""
