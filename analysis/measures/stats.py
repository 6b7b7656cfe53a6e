"""Small statistical building blocks shared by the analysis modules.

Exact Poisson intervals, the rate ratio's conditional interval, and the
resampling index generator every bootstrap in the package uses (so that
``random_state`` means the same thing everywhere). False discovery rates come
from :func:`scipy.stats.false_discovery_control`.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from .._validation import check_fraction

__all__ = [
    "bootstrap_indices",
    "check_random_state",
    "draw_counts",
    "percentile_interval",
    "poisson_interval",
    "rate_ratio_interval",
]


def check_random_state(random_state) -> np.random.Generator:
    """A NumPy ``Generator`` from ``None``, an int or a ``Generator``.

    Parameters
    ----------
    random_state : None, int or numpy.random.Generator
        Seed. ``None`` gives fresh entropy (non-reproducible).

    Returns
    -------
    numpy.random.Generator
    """
    if isinstance(random_state, np.random.Generator):
        return random_state
    return np.random.default_rng(random_state)


def bootstrap_indices(n_units: int, n_boot: int, random_state=0) -> np.ndarray:
    """Indices of ``n_boot`` bootstrap resamples of ``n_units`` units.

    Parameters
    ----------
    n_units : int
        Number of units (turns, paragraphs) resampled with replacement.
    n_boot : int
        Number of resamples.
    random_state : None, int or numpy.random.Generator, default=0

    Returns
    -------
    numpy.ndarray of shape (n_boot, n_units)
        Integer indices into the units.

    Examples
    --------
    >>> bootstrap_indices(3, 2, random_state=0).shape
    (2, 3)
    """
    rng = check_random_state(random_state)
    return rng.integers(0, n_units, size=(n_boot, n_units))


def draw_counts(indices: np.ndarray, n_units: int) -> np.ndarray:
    """How often each unit is drawn in each resample.

    Parameters
    ----------
    indices : numpy.ndarray of shape (n_boot, n)
        Resamples of unit indices in ``[0, n_units)``, as :func:`bootstrap_indices` gives them.
    n_units : int
        Number of units.

    Returns
    -------
    numpy.ndarray of shape (n_boot, n_units)
        Float counts (a resample's total of a quantity per unit is then a matrix product).

    Examples
    --------
    >>> draw_counts(np.array([[0, 0, 2], [1, 2, 2]]), 3)
    array([[2., 0., 1.],
           [0., 1., 2.]])
    """
    n_boot = indices.shape[0]
    flat = indices + (np.arange(n_boot) * n_units)[:, None]
    return np.bincount(flat.ravel(), minlength=n_boot * n_units).reshape(n_boot, n_units).astype(float)


def percentile_interval(
    samples: np.ndarray, ci: float = 0.95, axis: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval.

    Parameters
    ----------
    samples : numpy.ndarray
        Bootstrap replicates along ``axis``.
    ci : float, default=0.95
        Coverage.
    axis : int, default=0

    Returns
    -------
    low, high : numpy.ndarray
        The ``(1 - ci) / 2`` and ``(1 + ci) / 2`` quantiles.
    """
    alpha = (1.0 - check_fraction(ci, "ci")) / 2.0
    return np.quantile(samples, alpha, axis=axis), np.quantile(samples, 1.0 - alpha, axis=axis)


def poisson_interval(count, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) confidence interval for a Poisson count.

    ``low = chi2.ppf(alpha/2, 2k) / 2`` (0 when k = 0) and
    ``high = chi2.ppf(1 - alpha/2, 2k + 2) / 2``.

    Parameters
    ----------
    count : int or array-like of int
        Observed counts k.
    ci : float, default=0.95

    Returns
    -------
    low, high : numpy.ndarray
        Bounds for the Poisson mean.

    Examples
    --------
    >>> low, high = poisson_interval(0)
    >>> float(low), round(float(high), 4)
    (0.0, 3.6889)
    """
    count = np.asarray(count, dtype=float)
    alpha = 1.0 - check_fraction(ci, "ci")
    low = np.where(count > 0, stats.chi2.ppf(alpha / 2, 2 * count) / 2, 0.0)
    high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return low, high


def rate_ratio_interval(count_a, exposure_a, count_b, exposure_b, ci: float = 0.95):
    """Rate ratio of two Poisson rates with its exact conditional interval.

    Conditional on ``n = count_a + count_b``, ``count_a`` is binomial with
    ``p = R e_a / (R e_a + e_b)``; the Clopper-Pearson interval for ``p``
    maps to ``R = p / (1 - p) * e_b / e_a``.

    Parameters
    ----------
    count_a, count_b : int or array-like
        Event counts.
    exposure_a, exposure_b : float or array-like
        Exposures (words).
    ci : float, default=0.95

    Returns
    -------
    ratio, low, high : numpy.ndarray
        ``(count_a / exposure_a) / (count_b / exposure_b)`` and bounds
        (``inf`` where undefined at the top, ``nan`` when both counts are 0).
    """
    a = np.asarray(count_a, dtype=float)
    b = np.asarray(count_b, dtype=float)
    ea = np.asarray(exposure_a, dtype=float)
    eb = np.asarray(exposure_b, dtype=float)
    n = a + b
    alpha = 1.0 - check_fraction(ci, "ci")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (a / ea) / (b / eb)
        p_low = np.where(a > 0, stats.beta.ppf(alpha / 2, a, b + 1), 0.0)
        p_high = np.where(b > 0, stats.beta.ppf(1 - alpha / 2, a + 1, b), 1.0)
        low = p_low / (1 - p_low) * eb / ea
        high = np.where(p_high < 1, p_high / (1 - p_high) * eb / ea, np.inf)
    undefined = n == 0
    return (
        np.where(undefined, np.nan, ratio),
        np.where(undefined, np.nan, low),
        np.where(undefined, np.nan, high),
    )
