"""The figures' style and the project's one delegation palette.

Nothing is applied at import: :func:`use_style` applies the style file
(:data:`STYLE_PATH`) inside a ``with`` block, and :func:`delegation_palette`
gives each delegation its colour. Colours are the colour-blind-safe
Okabe-Ito set: the U.S. is always blue, Japan always vermillion, the press
always grey; other delegations take the remaining Okabe-Ito colours in
alphabetical order, so the same event always gets the same colours.
:func:`delegation_label` gives the one spelling of a delegation in every
label, legend and title ("U.S.", never "US").

Examples
--------
>>> delegation_color("US")
'#0072B2'
>>> delegation_label("US"), delegation_label("South Korea")
('U.S.', 'South Korea')
>>> delegation_palette(["Japan", "France", "press"])
{'Japan': '#D55E00', 'France': '#009E73', 'press': '#999999'}
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..parsing.roster import canonical_delegation

__all__ = [
    "DELEGATION_COLORS",
    "FALLBACK_COLORS",
    "INTERPRETED_HATCH",
    "MISSING_COLOR",
    "MISSING_LABEL",
    "STYLE_PATH",
    "delegation_color",
    "delegation_label",
    "delegation_palette",
    "use_style",
]

#: The matplotlib style file of every figure.
STYLE_PATH = Path(__file__).with_name("pressconf.mplstyle")

#: Fixed colours of the bundled event's delegations (Okabe-Ito).
DELEGATION_COLORS = {"US": "#0072B2", "Japan": "#D55E00", "press": "#999999"}
#: Colours handed out, in order, to delegations not in DELEGATION_COLORS (Okabe-Ito).
FALLBACK_COLORS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: Colour of a missing (``<NA>``) delegation.
MISSING_COLOR = "#CCCCCC"
#: Hatch that marks words which came through an interpreter.
INTERPRETED_HATCH = "//////"
#: How a figure names a missing (``<NA>``) delegation.
MISSING_LABEL = "delegation unknown"


def delegation_label(delegation) -> str:
    """How a delegation is spelled in figures: ``"U.S."`` for the United States, others as given.

    Parameters
    ----------
    delegation : str or missing
        A delegation name as it appears in the tables (``"US"``, ``"U.S."``,
        ``"Japan"``, ``"press"``, ...).

    Returns
    -------
    str
        ``"U.S."`` for any spelling of the United States
        (:func:`analysis.parsing.roster.canonical_delegation`),
        :data:`MISSING_LABEL` for a missing delegation, the name itself
        otherwise.

    Examples
    --------
    >>> [delegation_label(d) for d in ["US", "U.S.", "Japan", "press", None]]
    ['U.S.', 'U.S.', 'Japan', 'press', 'delegation unknown']
    """
    if not isinstance(delegation, str):
        return MISSING_LABEL
    return "U.S." if canonical_delegation(delegation) == "US" else delegation


def delegation_palette(delegations: Iterable) -> dict:
    """Colour of each delegation.

    Parameters
    ----------
    delegations : iterable of str
        Delegation names, e.g. ``paragraphs["delegation"]``.

    Returns
    -------
    dict
        ``{delegation: "#RRGGBB"}`` for each distinct name. Known delegations
        (and spellings such as ``"U.S."``) get their fixed colour; the others
        take :data:`FALLBACK_COLORS` in alphabetical order (cycling if there
        are more than six); a missing delegation gets :data:`MISSING_COLOR`.

    Examples
    --------
    >>> delegation_palette(["U.S.", "Australia"])
    {'U.S.': '#0072B2', 'Australia': '#009E73'}
    """
    names = list(dict.fromkeys(delegations))
    unknown = sorted(str(d) for d in names if canonical_delegation(d) is None and isinstance(d, str))
    fallback = {d: FALLBACK_COLORS[i % len(FALLBACK_COLORS)] for i, d in enumerate(unknown)}
    palette = {}
    for d in names:
        known = canonical_delegation(d)
        if known is not None:
            palette[d] = DELEGATION_COLORS[known]
        elif isinstance(d, str):
            palette[d] = fallback[d]
        else:
            palette[d] = MISSING_COLOR
    return palette


def delegation_color(delegation, delegations: Iterable | None = None) -> str:
    """Colour of one delegation.

    Parameters
    ----------
    delegation : str
        The delegation.
    delegations : iterable of str, optional
        All delegations shown in the same figure; needed only to give
        consistent fallback colours to delegations other than the U.S.,
        Japan and the press.

    Returns
    -------
    str
        ``"#RRGGBB"``.

    Examples
    --------
    >>> delegation_color("Japan")
    '#D55E00'
    >>> delegation_color("Korea", ["US", "Australia", "Korea"])
    '#CC79A7'
    """
    names = [delegation] if delegations is None else [*delegations, delegation]
    return delegation_palette(names)[delegation]


@contextlib.contextmanager
def use_style() -> Iterator[None]:
    """Apply the project's plotting style inside a ``with`` block.

    Yields
    ------
    None

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with use_style():
    ...     mpl.rcParams["svg.hashsalt"]
    'pressconf-analysis'
    """
    import matplotlib.pyplot as plt

    with plt.style.context(STYLE_PATH):
        yield
