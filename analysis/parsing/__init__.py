"""Raw files → the paragraph table: text, labels, rosters, delegations, transcripts, corpora.

The lowest layer: it imports nothing from :mod:`analysis.measures`,
:mod:`analysis.plotting` or the figure script.
"""
