"""The Hypothesis entry point: ``st.from_type(wikibio.Article)`` draws ``articles()``.

Hypothesis runs ``_hypothesis_setup_hook`` when it is imported (the ``hypothesis``
entry-point group in ``pyproject.toml``).  The hook lives apart from
``wikibio.strategies`` because that module imports Hypothesis: were the hook there,
``import wikibio.strategies`` in a fresh process would make Hypothesis load the
half-imported module and find no hook.  The strategies are looked up when first drawn.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register wikibio's strategies for its types with Hypothesis."""
    from hypothesis import strategies as st

    import wikibio
    from wikibio.citations import Citation

    def lazy(name: str) -> st.SearchStrategy[object]:
        def make() -> st.SearchStrategy[object]:
            from wikibio import strategies

            strategy: st.SearchStrategy[object] = getattr(strategies, name)()
            return strategy

        return st.deferred(make)

    for cls, name in (
        (wikibio.Article, "articles"),
        (wikibio.Section, "sections"),
        (wikibio.Infobox, "infoboxes"),
        (wikibio.Reference, "references"),
        (Citation, "citations"),
    ):
        st.register_type_strategy(cls, lazy(name))
