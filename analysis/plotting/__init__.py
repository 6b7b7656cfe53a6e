"""Tidy tables → Axes: one plotting function per figure, the palette and the style file.

Nothing here computes a statistic or saves a file; :mod:`analysis.figures`
saves.
"""
