"""Topic clusters: TF-IDF + non-negative matrix factorisation (NMF).

Documents are **paragraphs**. A press conference of ~7,000 words has about 110
paragraphs but only ~30 turns: turns are too few to estimate a topic model and
a long turn often covers several subjects, while a paragraph is the
transcriber's own unit of one point. Sentences would be too short for TF-IDF
(most hold two or three content words).

Pipeline
--------
1. Each paragraph's ``text`` is tokenized with the project's one tokenizer
   (:func:`analysis.text.tokenize`) inside scikit-learn's ``TfidfVectorizer``
   (``tokenizer=tokenize, lowercase=False, token_pattern=None``), so ``we've``
   never becomes ``ve`` and ``U.S.`` stays ``u.s.``. Stop words default to
   :data:`analysis.stopwords.STOP_WORDS` (English plus the genre's titles,
   names and courtesies).
2. Paragraphs without a single token left after stop words (``"Thank you."``)
   are not documents: they count neither in the document frequencies behind
   ``min_df``, ``max_df`` and idf, nor in the fit, nor in the coherence
   counts. Paragraphs whose terms were all pruned by ``min_df``/``max_df``
   are left out of the fit and the coherence counts too. Both kinds keep
   their row in :func:`document_topics`, with weight 0 on every topic, and
   are marked by ``TopicModel.fitted``.
3. ``min_df=2``: a term used in one paragraph co-occurs with nothing and
   cannot define a topic (on the seed, 58 % of the distinct terms are such
   hapaxes). ``max_df=0.5``: a term in more than half of the paragraphs
   separates nothing (on the seed only ``japan``, in 55 of 106 paragraphs).
   ``sublinear_tf=True`` (``1 + log tf``) keeps a word repeated in one long
   answer from dominating that paragraph's row (on the seed it raises the
   best mean NPMI over k = 3-12 from 0.28 to 0.34 at similar stability).
   Rows are l2-normalised.
4. NMF (scikit-learn) with ``init="nndsvda"`` (SVD-based, deterministic
   given ``random_state``), coordinate descent, Frobenius loss, no
   regularisation. The matrix stays sparse throughout; the only dense
   arrays are ``n_paragraphs × n_components`` and
   ``n_components × n_terms``. Every fit runs with one BLAS thread, so its
   numbers do not depend on the machine's number of cores.

Choosing k
----------
:func:`select_k` fits every k in a range and reports the reconstruction
error, NPMI coherence on the event's own paragraphs and the stability of
Greene, O'Callaghan & Cunningham (2014); :func:`recommend_k` states the rule.
The default ``n_components=9`` is what that rule picks on the bundled event
(``select_k(read_event())`` with its defaults): coherence is best at k=8
(NPMI 0.338), so k = 8-12 pass the 0.05 screen; stability is best at k=10
(0.520, standard error 0.025) and k=9 (0.504) is the smallest k within one
standard error of it. Stability stays near 0.4-0.5 for every k: on ~100
paragraphs no k is strongly preferred, and neighbouring k are as defensible.

References
----------
Greene, D., O'Callaghan, D. & Cunningham, P. (2014). How many topics?
Stability analysis for topic models. *ECML PKDD*, LNCS 8724, 498-513.
Bouma, G. (2009). Normalized (pointwise) mutual information in collocation
extraction. *GSCL*, 31-40.
Röder, M., Both, A. & Hinneburg, A. (2015). Exploring the space of topic
coherence measures. *WSDM*, 399-408.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from .._validation import check_table
from ..exceptions import ParameterError, TopicModelError
from ..parsing.text import count_words, tokenize
from ..processes import map_forked, worker_count

try:  # scikit-learn's own NMF initialisation and coordinate-descent step (see _nmf_components)
    from sklearn.decomposition._cdnmf_fast import _update_cdnmf_fast
    from sklearn.decomposition._nmf import _initialize_nmf
except ImportError:  # pragma: no cover - another scikit-learn layout: select_k falls back to NMF
    _update_cdnmf_fast = _initialize_nmf = None

try:  # the kernels behind SciPy's ``sparse @ dense`` (see _sparse_products)
    from scipy.sparse._sparsetools import csc_matvecs, csr_matvecs
except ImportError:  # pragma: no cover - another SciPy layout: the products go through ``@``
    csc_matvecs = csr_matvecs = None

from .stats import bootstrap_indices, check_random_state, draw_counts, percentile_interval
from .stopwords import STOP_WORDS

__all__ = [
    "DEFAULT_N_COMPONENTS",
    "NPMI_EPSILON",
    "TopicModel",
    "average_jaccard",
    "document_topics",
    "fit_topics",
    "npmi_coherence",
    "ranking_agreement",
    "recommend_k",
    "select_k",
    "topic_coherence",
    "topic_prevalence",
    "topic_terms",
]

#: What :func:`recommend_k` picks on the bundled event with :func:`select_k`'s defaults.
DEFAULT_N_COMPONENTS = 9
#: Smoothing constant added to the joint probability in NPMI (Röder et al. 2015).
NPMI_EPSILON = 1e-12
#: Number of top terms joined into a topic's default label.
LABEL_TERMS = 3


@dataclass(frozen=True, eq=False)
class TopicModel:
    """A fitted TF-IDF + NMF topic model (returned by :func:`fit_topics`).

    Attributes
    ----------
    vectorizer : sklearn.feature_extraction.text.TfidfVectorizer
        Fitted on the paragraphs that hold at least one non-stop token.
    nmf : sklearn.decomposition.NMF
        Fitted; ``nmf.components_`` is ``n_components × n_terms``.
    document_topic : numpy.ndarray of shape (n_paragraphs, n_components)
        NMF weights of every input paragraph, in input order; rows of
        paragraphs left out of the fit are 0.
    terms : numpy.ndarray of str
        The vocabulary, in the column order of ``nmf.components_``.
    paragraph_ids : numpy.ndarray of str
        ``paragraph_id`` of every input paragraph, in input order.
    fitted : numpy.ndarray of bool
        Which paragraphs were documents of the fit (False: no term left after
        stop words and ``min_df``/``max_df``).
    n_words : numpy.ndarray of int
        Words of each paragraph under the project's convention (its
        ``n_words`` column, or :func:`analysis.text.count_words`).
    tfidf : scipy.sparse.csr_matrix
        The TF-IDF matrix of the fitted paragraphs (rows where ``fitted``).
    random_state : int or None
        As passed to :func:`fit_topics`.
    """

    vectorizer: TfidfVectorizer = field(repr=False)
    nmf: NMF = field(repr=False)
    document_topic: np.ndarray = field(repr=False)
    terms: np.ndarray = field(repr=False)
    paragraph_ids: np.ndarray = field(repr=False)
    fitted: np.ndarray = field(repr=False)
    n_words: np.ndarray = field(repr=False)
    tfidf: sparse.csr_matrix = field(repr=False)
    random_state: int | None = 0

    @property
    def n_components(self) -> int:
        """Number of topics."""
        return int(self.nmf.n_components_)

    def __repr__(self) -> str:
        return (
            f"TopicModel(n_components={self.n_components}, n_terms={len(self.terms)}, "
            f"n_paragraphs={len(self.paragraph_ids)}, n_fitted={int(self.fitted.sum())}, "
            f"random_state={self.random_state!r})"
        )


# ----------------------------------------------------------------------------
# Input checks and the shared vectorising step


def _require_columns(table, columns: Sequence[str], what: str) -> None:
    check_table(table, columns, what, allow_empty=True, error=TopicModelError)


def _stop_list(stop_words) -> list[str] | None:
    if stop_words is None:
        stop_words = STOP_WORDS
    if isinstance(stop_words, str):
        raise TopicModelError(
            "stop_words must be a collection of words (e.g. analysis.stopwords.STOP_WORDS) or (); "
            "a string such as 'english' would bypass the project's stop list."
        )
    words = sorted({str(w).lower() for w in stop_words})  # sorted: set order varies across processes
    return words or None


def _fix_random_state(random_state):
    """An int (or None) for scikit-learn from None, an int or a Generator."""
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(2**31 - 1))
    if random_state is None:
        return None
    return int(random_state)


def _vectorize(paragraphs, *, min_df, max_df, stop_words, sublinear_tf):
    """TF-IDF of the paragraphs that hold terms, with ids, mask and word counts."""
    _require_columns(paragraphs, ["paragraph_id", "text"], "paragraphs")
    if len(paragraphs) == 0:
        raise TopicModelError("paragraphs is empty; pass a table with at least a few paragraphs.")
    ids = paragraphs["paragraph_id"].astype(str).to_numpy()
    if len(set(ids)) != len(ids):
        raise TopicModelError(
            "paragraph_id is not unique; when concatenating events keep each event's own ids "
            "(read_event() writes '{event_id}:p001', ...)."
        )
    texts = paragraphs["text"].fillna("").astype(str).tolist()
    if "n_words" in paragraphs.columns:
        n_words = paragraphs["n_words"].to_numpy(dtype=np.int64)
    else:
        n_words = np.array([count_words(t) for t in texts], dtype=np.int64)

    vectorizer = TfidfVectorizer(
        tokenizer=tokenize,
        lowercase=False,
        token_pattern=None,
        stop_words=_stop_list(stop_words),
        min_df=min_df,
        max_df=max_df,
        sublinear_tf=sublinear_tf,
        norm="l2",
        dtype=np.float64,
    )
    analyzer = vectorizer.build_analyzer()
    has_terms = np.array([len(analyzer(t)) > 0 for t in texts], dtype=bool)
    if not has_terms.any():
        raise TopicModelError(
            "no paragraph holds a word outside the stop list; check the text column or pass a "
            "shorter stop_words list."
        )
    documents = [t for t, keep in zip(texts, has_terms, strict=True) if keep]
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError as error:  # "max_df corresponds to < documents than min_df", "no terms remain"
        raise TopicModelError(
            f"the vocabulary is empty or the document-frequency limits clash on {len(documents)} "
            f"paragraphs (min_df={min_df!r}, max_df={max_df!r}): {error}. Lower min_df or raise max_df."
        ) from error
    matrix = sparse.csr_matrix(matrix)
    nonempty = np.diff(matrix.indptr) > 0
    fitted = has_terms.copy()
    fitted[np.flatnonzero(has_terms)[~nonempty]] = False
    matrix = matrix[nonempty]
    terms = vectorizer.get_feature_names_out().astype(str)
    return vectorizer, matrix, terms, ids, fitted, n_words


def _max_components(matrix) -> int:
    return int(min(matrix.shape))


def _check_n_components(n_components, matrix, what="the data") -> None:
    if not isinstance(n_components, int | np.integer) or isinstance(n_components, bool) or n_components < 1:
        raise ParameterError("n_components", f"n_components must be a positive int; got {n_components!r}.")
    limit = _max_components(matrix)
    if n_components > limit:
        raise TopicModelError(
            f"n_components={n_components} is more topics than {what} supports: "
            f"{matrix.shape[0]} paragraphs × {matrix.shape[1]} terms allow at most {limit}. "
            f"Ask for fewer topics (or lower min_df to keep more terms)."
        )


@functools.cache
def _threadpools():
    """The BLAS and OpenMP libraries loaded (by NumPy, SciPy, scikit-learn), found once."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_blas_thread():
    """Context in which BLAS runs one thread: how every NMF of this module is fitted.

    NMF's dense products are tiny (``k × k``, ``n × k``), so a second BLAS
    thread only adds synchronisation, and on a machine whose other core is
    busy, waiting: with the default two threads the seed's
    :func:`select_k` took 1.8 times as long on the shared 2-core benchmark
    machine (``benchmarks/README.md``). A fixed thread count also fixes the
    order of BLAS's partial sums, so the numbers no longer depend on how many
    cores the machine has (on the whole corpus, 1 and 2 threads differ by
    about 1e-14). On the seed event every result is the same, bit for bit.
    """
    return _threadpools().limit(limits=1, user_api="blas")


def _fit_nmf(matrix, n_components, random_state, *, init, max_iter, tol) -> tuple[NMF, np.ndarray]:
    """Fitted NMF and its document weights W (from the fit itself), with one BLAS thread."""
    nmf = NMF(
        n_components=int(n_components),
        init=init,
        solver="cd",
        beta_loss="frobenius",
        max_iter=max_iter,
        tol=tol,
        random_state=random_state,
    )
    with _one_blas_thread():
        weights = nmf.fit_transform(matrix)
    return nmf, weights


def _nmf_components(matrix, n_components, random_state, *, init, max_iter, tol) -> np.ndarray:
    """``components_`` of :func:`_fit_nmf`'s model, bit for bit, at less cost per iteration.

    :func:`select_k` fits hundreds of NMF models on small matrices (about 90
    paragraphs × 500 terms on the seed), where scikit-learn's coordinate
    descent spends most of each iteration on Python and SciPy overhead
    (rebuilding ``X.T``, validating sparse matrices), not on arithmetic.
    This runs the same algorithm with scikit-learn's own pieces: the same
    initialisation (``_initialize_nmf``), the same Cython update
    (``_update_cdnmf_fast``), the same products in the same order
    (``X @ Ht`` on the CSR matrix, ``X.T @ W`` on its CSC transpose, built
    once here instead of once per iteration, both by SciPy's own kernels:
    :func:`_sparse_products`) and the same stopping rule. No
    regularisation, no shuffling: :func:`_fit_nmf`'s settings. The result is
    the identical array (``tests/test_topics.py`` compares them bit for bit).
    Where those private pieces are missing, and for anything but a float64
    CSR matrix (what :func:`select_k` passes), it is :func:`_fit_nmf` itself.
    """
    fast = (
        _update_cdnmf_fast is not None
        and sparse.issparse(matrix)
        and matrix.format == "csr"
        and matrix.dtype == np.float64
        and init in ("nndsvd", "nndsvda", "nndsvdar")
    )
    if not fast:
        nmf, _ = _fit_nmf(matrix, n_components, random_state, init=init, max_iter=max_iter, tol=tol)
        return nmf.components_
    x = matrix
    with _one_blas_thread():  # as _fit_nmf
        w, h = _initialize_nmf(x, int(n_components), init=init, random_state=random_state)
        w = np.ascontiguousarray(w)
        ht = np.ascontiguousarray(h.T)
        x_times, xt_times = _sparse_products(x)
        permutation = np.arange(int(n_components), dtype=np.intp)
        violation_init = None
        n_iter = 0
        for n_iter in range(1, max_iter + 1):  # scikit-learn's _fit_coordinate_descent, line for line
            violation = _update_cdnmf_fast(w, np.dot(ht.T, ht), x_times(ht), permutation)
            violation += _update_cdnmf_fast(ht, np.dot(w.T, w), xt_times(w), permutation)
            if n_iter == 1:
                violation_init = violation
            if violation_init == 0 or violation / violation_init <= tol:
                break
    if n_iter == max_iter and tol > 0:  # as scikit-learn warns
        warnings.warn(
            f"Maximum number of iterations {max_iter} reached. Increase it to improve convergence.",
            ConvergenceWarning,
            stacklevel=2,
        )
    return ht.T


def _sparse_products(x):
    """Two functions, ``x @ dense`` and ``x.T @ dense``, for a float64 CSR matrix ``x``.

    The same arrays, bit for bit, as SciPy's operator: for a compressed
    sparse matrix times a dense 2-D array of two or more columns, ``@``
    allocates a zero array and runs the ``csr_matvecs`` kernel into it
    (``x.T`` is CSC: ``csc_matvecs``). These call the same kernels on the
    same zeros without the operator's dispatch, which at :func:`select_k`'s
    ~67,000 products on small matrices costs more than the arithmetic.
    ``x.T`` is built once (scikit-learn builds it at every iteration). Any
    other operand (one column, another dtype, not C-contiguous), or a SciPy
    without these kernels, goes through ``@`` itself.
    """
    xt = x.T  # CSC: what scikit-learn's X.T gives at every iteration

    def times(matrix, kernel):
        n_rows, n_cols = matrix.shape
        arrays = (matrix.indptr, matrix.indices, matrix.data)

        def product(dense):
            direct = (
                kernel is not None
                and dense.ndim == 2
                and dense.shape[1] >= 2
                and dense.dtype == np.float64
                and dense.flags.c_contiguous
            )
            if not direct:
                return matrix @ dense
            out = np.zeros((n_rows, dense.shape[1]))
            kernel(n_rows, n_cols, dense.shape[1], *arrays, dense.ravel(), out.ravel())
            return out

        return product

    return times(x, csr_matvecs), times(xt, csc_matvecs)


def _check_topics(nmf, weights, n_docs: int) -> None:
    """Raise if a topic is all zeros or repeats another topic's term profile.

    Both mean the data hold fewer distinct topics than asked for: NMF either
    leaves a component empty or splits one profile into scaled copies.
    """
    k = nmf.components_.shape[0]
    empty_terms = ~(nmf.components_ > 0).any(axis=1)
    empty_docs = ~(weights > 0).any(axis=0)
    empty = np.flatnonzero(empty_terms | empty_docs)
    if empty.size:
        raise TopicModelError(
            f"with n_components={k}, topic(s) {', '.join(str(t + 1) for t in empty)} came out all zeros: "
            f"the {n_docs} paragraphs do not support {k} topics. Ask for fewer."
        )
    norms = np.linalg.norm(nmf.components_, axis=1)
    cosine = (nmf.components_ @ nmf.components_.T) / np.outer(norms, norms)
    first, second = np.nonzero(np.triu(cosine, k=1) > 1 - 1e-9)
    if first.size:
        raise TopicModelError(
            f"with n_components={k}, topics {first[0] + 1} and {second[0] + 1} came out with the same "
            f"terms in the same proportions: the {n_docs} paragraphs do not support {k} topics. "
            "Ask for fewer."
        )


def _top_term_indices(components: np.ndarray, n_terms: int) -> list[np.ndarray]:
    """Per topic, indices of the ``n_terms`` heaviest positive terms (ties: vocabulary order)."""
    rankings = []
    for row in components:
        order = np.lexsort((np.arange(row.size), -row))  # weight descending, then index
        order = order[row[order] > 0][:n_terms]
        rankings.append(order)
    return rankings


# ----------------------------------------------------------------------------
# Fitting


def fit_topics(
    paragraphs: pd.DataFrame,
    n_components: int = DEFAULT_N_COMPONENTS,
    *,
    random_state: int | None = 0,
    min_df: float | int = 2,
    max_df: float | int = 0.5,
    stop_words: Iterable[str] | None = None,
    sublinear_tf: bool = True,
    init: str = "nndsvda",
    max_iter: int = 1000,
    tol: float = 1e-4,
) -> TopicModel:
    """Fit a TF-IDF + NMF topic model on paragraphs.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table (:func:`analysis.read_event`), of one event or a
        concatenation of events; needs ``paragraph_id`` (unique) and
        ``text``; ``n_words`` is used when present.
    n_components : int, default=9
        Number of topics. The default is what :func:`recommend_k` picks on
        the bundled event; use :func:`select_k` on other data.
    random_state : int or None, default=0
        Seed of NMF's initialisation (``nndsvda`` uses a randomised SVD).
        The same input and seed give identical output in any process.
    min_df : float or int, default=2
        ``TfidfVectorizer``'s ``min_df``: terms in fewer paragraphs are
        dropped (an int counts paragraphs, a float is a proportion).
    max_df : float or int, default=0.5
        ``TfidfVectorizer``'s ``max_df``: terms in more paragraphs are dropped.
    stop_words : collection of str or None, default=None
        None uses :data:`analysis.stopwords.STOP_WORDS`; ``()`` uses none.
    sublinear_tf : bool, default=True
        Use ``1 + log(tf)``.
    init : str, default="nndsvda"
        NMF initialisation; keep a deterministic one (``nndsvd``,
        ``nndsvda``, ``nndsvdar``).
    max_iter : int, default=1000
        NMF iterations.
    tol : float, default=1e-4
        NMF stopping tolerance.

    Returns
    -------
    TopicModel

    Raises
    ------
    TopicModelError
        If columns are missing or ids repeat, if no term survives the stop
        list and ``min_df``/``max_df``, if ``n_components`` exceeds
        ``min(n_documents, n_terms)``, or if a topic comes out all zeros
        or two topics share one term profile (the data do not support that
        many topics).

    Examples
    --------
    >>> from analysis import read_event
    >>> model = fit_topics(read_event())
    >>> model.document_topic.shape
    (110, 9)
    """
    vectorizer, matrix, terms, ids, fitted, n_words = _vectorize(
        paragraphs, min_df=min_df, max_df=max_df, stop_words=stop_words, sublinear_tf=sublinear_tf
    )
    _check_n_components(n_components, matrix)
    seed = _fix_random_state(random_state)
    nmf, weights = _fit_nmf(matrix, n_components, seed, init=init, max_iter=max_iter, tol=tol)
    _check_topics(nmf, weights, matrix.shape[0])
    document_topic = np.zeros((len(ids), int(n_components)))
    document_topic[fitted] = weights
    for array in (document_topic, terms, ids, fitted, n_words):
        array.setflags(write=False)
    return TopicModel(
        vectorizer=vectorizer,
        nmf=nmf,
        document_topic=document_topic,
        terms=terms,
        paragraph_ids=ids,
        fitted=fitted,
        n_words=n_words,
        tfidf=matrix,
        random_state=seed,
    )


# ----------------------------------------------------------------------------
# Summaries


def _labels(model: TopicModel) -> list[str]:
    rankings = _top_term_indices(model.nmf.components_, LABEL_TERMS)
    return [" / ".join(model.terms[r]) for r in rankings]


def topic_terms(model: TopicModel, n_terms: int = 10) -> pd.DataFrame:
    """Top terms of each topic, with weights and a readable label.

    Parameters
    ----------
    model : TopicModel
        From :func:`fit_topics`.
    n_terms : int, default=10
        Terms per topic (fewer when a topic has fewer terms of positive weight).

    Returns
    -------
    pandas.DataFrame
        One row per topic × rank, sorted by topic then rank:

        - ``topic`` : int, 1-based
        - ``rank`` : int, 1-based (1 = heaviest; ties by vocabulary order)
        - ``term`` : str
        - ``weight`` : float, the term's weight in ``nmf.components_``
        - ``label`` : str, the topic's top three terms joined by ``" / "``

    Examples
    --------
    >>> from analysis import read_event
    >>> terms = topic_terms(fit_topics(read_event()), n_terms=3)
    >>> terms.columns.tolist()
    ['topic', 'rank', 'term', 'weight', 'label']
    """
    if not isinstance(n_terms, int | np.integer) or n_terms < 1:
        raise ParameterError("n_terms", f"n_terms must be a positive int; got {n_terms!r}.")
    components = model.nmf.components_
    labels = _labels(model)
    rows = []
    for topic, ranking in enumerate(_top_term_indices(components, int(n_terms))):
        for rank, index in enumerate(ranking, start=1):
            rows.append((topic + 1, rank, model.terms[index], float(components[topic, index]), labels[topic]))
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "label"])


def document_topics(model: TopicModel) -> pd.DataFrame:
    """Topic weights of every paragraph, long format.

    Parameters
    ----------
    model : TopicModel
        From :func:`fit_topics`.

    Returns
    -------
    pandas.DataFrame
        One row per paragraph × topic, in paragraph then topic order:

        - ``paragraph_id`` : str
        - ``topic`` : int, 1-based
        - ``weight`` : float, NMF weight (row of ``model.document_topic``);
          0 on every topic for paragraphs left out of the fit (no term after
          stop words and ``min_df``/``max_df``: see ``model.fitted``)

    Examples
    --------
    >>> from analysis import read_event
    >>> document_topics(fit_topics(read_event())).shape
    (990, 3)
    """
    n_paragraphs, k = model.document_topic.shape
    return pd.DataFrame(
        {
            "paragraph_id": np.repeat(model.paragraph_ids, k),
            "topic": np.tile(np.arange(1, k + 1), n_paragraphs),
            "weight": model.document_topic.ravel(),
        }
    )


def topic_prevalence(
    model: TopicModel,
    paragraphs: pd.DataFrame,
    by: str | Sequence[str] = "speaker",
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state=0,
) -> pd.DataFrame:
    """Share of each group's words given to each topic, with bootstrap intervals.

    Each fitted paragraph's topic weights are normalised to a topic mix
    ``theta`` (summing to 1) and weighted by its word count ``n_words``:
    ``share(g, t) = sum_d n_d theta_dt / sum_d n_d`` over the group's fitted
    paragraphs. So **share sums to 1 within each group** and reads "fraction
    of the group's words (in paragraphs with topic content) on topic t".
    Paragraphs without topic weight (courtesies only) do not count; a group
    with none at all gets NaN shares.

    Intervals: percentile bootstrap resampling the group's fitted paragraphs
    with replacement (``n_boot`` resamples, stratified by group); the model
    is held fixed, so they express paragraph-sampling variation only.

    Parameters
    ----------
    model : TopicModel
        From :func:`fit_topics` on (a superset of) these paragraphs.
    paragraphs : pandas.DataFrame
        The paragraph table; needs ``paragraph_id`` and the ``by`` columns.
    by : str or list of str, default="speaker"
        Grouping column(s): ``"speaker"``, ``"delegation"``,
        ``["delegation", "segment"]``, ``"event_id"``...
    n_boot : int, default=1000
        Bootstrap resamples (0 gives NaN intervals).
    ci : float, default=0.95
        Interval coverage.
    random_state : None, int or numpy.random.Generator, default=0
        Seed of the resampling.

    Returns
    -------
    pandas.DataFrame
        One row per group × topic, groups sorted, topics 1..k:

        - the ``by`` column(s); with ``"speaker"`` also ``delegation``
        - ``topic`` : int, 1-based
        - ``label`` : str, as in :func:`topic_terms`
        - ``n_paragraphs`` : int, the group's paragraphs with topic weight
        - ``n_words`` : int, their words
        - ``share`` : float, sums to 1 over topics within the group (NaN for
          every topic of a group with no topical paragraph)
        - ``share_low``, ``share_high`` : float, bootstrap interval

    Examples
    --------
    >>> from analysis import read_event
    >>> table = read_event()
    >>> prevalence = topic_prevalence(fit_topics(table), table, by="delegation", n_boot=100)
    >>> prevalence.groupby("delegation")["share"].sum().round(6).tolist()
    [1.0, 1.0, 1.0]
    """
    by_cols = [by] if isinstance(by, str) else list(by)
    if not by_cols:
        raise TopicModelError("by must name at least one column, e.g. 'speaker' or 'delegation'.")
    extra = ["delegation"] if "speaker" in by_cols and "delegation" not in by_cols else []
    _require_columns(paragraphs, ["paragraph_id", *by_cols, *extra], "paragraphs")
    if not 0 < ci < 1:
        raise ParameterError("ci", f"ci must be between 0 and 1; got {ci!r}.")
    if n_boot < 0:
        raise ParameterError("n_boot", f"n_boot must be >= 0; got {n_boot!r}.")

    position = pd.Series(np.arange(len(model.paragraph_ids)), index=model.paragraph_ids)
    keys = paragraphs["paragraph_id"].astype(str)
    unknown = ~keys.isin(position.index)
    if unknown.any():
        raise TopicModelError(
            f"{int(unknown.sum())} paragraph(s) are not in the model (first: {keys[unknown].iloc[0]!r}); "
            "pass the table the model was fitted on, or a subset of it."
        )
    rows = position.loc[keys].to_numpy()
    weights = model.document_topic[rows]
    totals = weights.sum(axis=1)
    topical = totals > 0
    mix = np.zeros_like(weights)
    mix[topical] = weights[topical] / totals[topical, None]
    words = model.n_words[rows].astype(float)
    contribution = mix * words[:, None]  # n_d * theta_d

    k = model.n_components
    labels = _labels(model)
    rng = check_random_state(random_state)
    group_table = paragraphs[by_cols + extra].reset_index(drop=True)
    grouped = group_table.groupby(by_cols, sort=True, dropna=False).indices
    out = []
    for raw_key, group_rows in grouped.items():
        key = raw_key if isinstance(raw_key, tuple) else (raw_key,)
        group_rows = np.asarray(group_rows)
        members = group_rows[topical[group_rows]]
        n_words_group = words[members].sum()
        share = np.full(k, np.nan)
        low = np.full(k, np.nan)
        high = np.full(k, np.nan)
        if members.size:
            share = contribution[members].sum(axis=0) / n_words_group
            if n_boot > 0:
                counts = draw_counts(bootstrap_indices(members.size, n_boot, rng), members.size)
                numerators = counts @ contribution[members]
                denominators = counts @ words[members]
                low, high = percentile_interval(numerators / denominators[:, None], ci=ci, axis=0)
        record = dict(zip(by_cols, key, strict=True))
        if extra:
            delegations = group_table.loc[group_rows, "delegation"].dropna().astype(str).unique()
            record["delegation"] = "; ".join(sorted(delegations)) if len(delegations) else pd.NA
        for topic in range(k):
            out.append(
                {
                    **record,
                    "topic": topic + 1,
                    "label": labels[topic],
                    "n_paragraphs": int(members.size),
                    "n_words": int(n_words_group),
                    "share": float(share[topic]),
                    "share_low": float(low[topic]),
                    "share_high": float(high[topic]),
                }
            )
    columns = [*by_cols, *extra, "topic", "label", "n_paragraphs", "n_words"]
    return pd.DataFrame(out, columns=[*columns, "share", "share_low", "share_high"])


# ----------------------------------------------------------------------------
# Coherence and stability


def npmi_coherence(
    presence, rankings: Sequence[Sequence[int]], *, epsilon: float = NPMI_EPSILON
) -> np.ndarray:
    """Mean NPMI of each ranking's term pairs, documents as the window.

    For terms i and j, with ``N`` documents, ``p_i = D_i / N`` and
    ``p_ij = D_ij / N`` (``D``: number of documents containing the term(s)),
    ``NPMI = log((p_ij + epsilon) / (p_i p_j)) / -log(p_ij + epsilon)``
    (Bouma 2009; ``epsilon`` as in Röder et al. 2015). It is 1 for terms that
    always occur together, 0 for independent ones and about -1 for terms
    that never share a document. Pairs of terms in every document score 1.

    Parameters
    ----------
    presence : array-like or sparse matrix of shape (n_documents, n_terms)
        Term occurrence; any positive entry counts as presence.
    rankings : sequence of sequence of int
        Per topic, column indices of its top terms.
    epsilon : float, default=1e-12
        Smoothing constant added to the joint probability.

    Returns
    -------
    numpy.ndarray of shape (n_topics,)
        Mean NPMI over the ``t (t - 1) / 2`` pairs of each ranking (NaN for
        a ranking of fewer than two terms).

    Examples
    --------
    >>> import numpy as np
    >>> presence = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    >>> npmi_coherence(presence, [[0, 1]]).round(6).tolist()
    [1.0]
    """
    presence = sparse.csc_matrix(presence)
    n_docs = presence.shape[0]
    if n_docs == 0:
        raise TopicModelError("npmi_coherence needs at least one document.")
    scores = []
    for ranking in rankings:
        ranking = np.asarray(ranking, dtype=int)
        if ranking.size < 2:
            scores.append(np.nan)
            continue
        columns = (presence[:, ranking] > 0).astype(np.float64)
        joint = (columns.T @ columns).toarray() / n_docs
        marginal = np.diag(joint)
        upper = np.triu_indices(ranking.size, k=1)
        p_ij = joint[upper]
        p_i_p_j = marginal[upper[0]] * marginal[upper[1]]
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.log((p_ij + epsilon) / p_i_p_j) / -np.log(p_ij + epsilon)
        npmi = np.where(p_ij >= 1.0, 1.0, npmi)
        scores.append(float(np.mean(npmi)))
    return np.asarray(scores, dtype=float)


def topic_coherence(model: TopicModel, n_terms: int = 10) -> pd.DataFrame:
    """NPMI coherence of each topic's top terms on the model's own paragraphs.

    Parameters
    ----------
    model : TopicModel
        From :func:`fit_topics`.
    n_terms : int, default=10
        Top terms per topic.

    Returns
    -------
    pandas.DataFrame
        ``topic`` (int, 1-based), ``label`` (str), ``coherence`` (float, mean
        NPMI over term pairs, documents = fitted paragraphs,
        ``epsilon = 1e-12``: see :func:`npmi_coherence`).

    Examples
    --------
    >>> from analysis import read_event
    >>> topic_coherence(fit_topics(read_event())).shape
    (9, 3)
    """
    rankings = _top_term_indices(model.nmf.components_, int(n_terms))
    return pd.DataFrame(
        {
            "topic": np.arange(1, model.n_components + 1),
            "label": _labels(model),
            "coherence": npmi_coherence(model.tfidf, rankings),
        }
    )


def average_jaccard(ranking_a: Sequence, ranking_b: Sequence) -> float:
    """Average Jaccard (AJ) of two ranked term lists (Greene et al. 2014).

    ``AJ = (1/t) sum_{d=1..t} |A_d ∩ B_d| / |A_d ∪ B_d|``, with ``A_d`` the
    top ``d`` items and ``t`` the longer list's length (a shorter list is
    compared as it is). Agreement near the top counts more than at the end.

    Parameters
    ----------
    ranking_a, ranking_b : sequence
        Ranked items (terms or term indices), best first.

    Returns
    -------
    float
        In [0, 1]; 1 for identical lists, 0 for disjoint ones (and for two
        empty lists' absence of evidence, 0).

    Examples
    --------
    >>> average_jaccard(["a", "b"], ["b", "a"])  # d=1: 0/2, d=2: 2/2
    0.5
    """
    a, b = list(ranking_a), list(ranking_b)
    depth = max(len(a), len(b))
    if depth == 0:
        return 0.0
    total = 0.0
    for d in range(1, depth + 1):
        top_a, top_b = set(a[:d]), set(b[:d])
        total += len(top_a & top_b) / len(top_a | top_b)
    return total / depth


def ranking_agreement(rankings_a: Sequence[Sequence], rankings_b: Sequence[Sequence]) -> float:
    """Agreement of two topic models' term rankings (Greene et al. 2014).

    Topics are matched one-to-one to maximise the summed
    :func:`average_jaccard` (Hungarian algorithm,
    ``scipy.optimize.linear_sum_assignment``); the agreement is the mean AJ
    of the matched pairs.

    Parameters
    ----------
    rankings_a, rankings_b : sequence of sequence
        One ranked term list per topic; both models have the same number of
        topics.

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> ranking_agreement([["a", "b"], ["c", "d"]], [["c", "d"], ["a", "b"]])
    1.0
    """
    k = len(rankings_a)
    if k == 0 or k != len(rankings_b):
        raise TopicModelError(
            f"ranking_agreement needs two non-empty sets of the same number of topics; "
            f"got {k} and {len(rankings_b)}."
        )
    scores = np.array([[average_jaccard(a, b) for b in rankings_b] for a in rankings_a])
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return float(scores[rows, cols].mean())


def _as_index_array(rankings: Sequence[Sequence[int]], depth: int) -> np.ndarray:
    """Rankings of term indices as a (n_topics, depth) int array, -1 past a ranking's end."""
    table = np.full((len(rankings), depth), -1, dtype=np.int64)
    for row, ranking in enumerate(rankings):
        table[row, : len(ranking)] = ranking
    return table


def _index_agreement(reference: np.ndarray, rankings: np.ndarray) -> float:
    """:func:`ranking_agreement` of two (n_topics, t) index arrays, the same float, vectorised.

    Entries are distinct non-negative term indices, -1 past the end of a
    shorter ranking (:func:`_as_index_array`). For a pair of topics, a term at
    rank ``i`` of one list and ``j`` of the other is in both top-``d`` sets
    exactly when ``max(i, j) < d``; so the intersections at every depth are a
    cumulative count, the unions ``min(d, len_a) + min(d, len_b)`` minus
    them, and the ratios are added one depth after another (``cumsum``),
    as :func:`average_jaccard`'s loop adds them, then divided by the depth.
    """
    t = reference.shape[1]
    valid_a = reference >= 0
    valid_b = rankings >= 0
    same = (reference[:, None, :, None] == rankings[None, :, None, :]) & valid_a[:, None, :, None]
    found = same.any(axis=3)  # (topic a, topic b, rank in a)
    rank_b = np.where(found, same.argmax(axis=3), t)
    both_from = np.maximum(np.arange(t), rank_b)  # first depth index where the term is in both
    depths = np.arange(1, t + 1)
    intersection = (both_from[..., None] < depths).sum(axis=2)  # (a, b, depth)
    len_a = valid_a.sum(axis=1)[:, None, None]
    len_b = valid_b.sum(axis=1)[None, :, None]
    union = np.minimum(depths, len_a) + np.minimum(depths, len_b) - intersection
    depth = np.maximum(len_a, len_b)[..., 0]
    inside = depths <= depth[..., None]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = np.where(inside, intersection / union, 0.0)  # adding 0.0 past the depth changes nothing
    totals = np.cumsum(ratios, axis=2)[..., -1]
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(depth > 0, totals / depth, 0.0)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return float(scores[rows, cols].mean())


# ----------------------------------------------------------------------------
# Choosing k


#: Subsample fits per task when select_k runs in several processes.
_RUNS_PER_TASK = 5


def _stability_runs(matrices, k, reference, seed, options, n_terms) -> list[float]:
    """Agreement of each subsample's k-topic model with the reference rankings (one task)."""
    agreements = []
    for matrix in matrices:
        components = _nmf_components(matrix, k, seed, **options)
        rankings = _as_index_array(_top_term_indices(components, n_terms), n_terms)
        agreements.append(_index_agreement(reference, rankings))
    return agreements


def select_k(
    paragraphs: pd.DataFrame,
    k_values: Iterable[int] = range(3, 13),
    *,
    n_runs: int = 20,
    subsample: float = 0.8,
    n_terms: int = 10,
    random_state: int | None = 0,
    coherence_tol: float = 0.05,
    min_df: float | int = 2,
    max_df: float | int = 0.5,
    stop_words: Iterable[str] | None = None,
    sublinear_tf: bool = True,
    init: str = "nndsvda",
    max_iter: int = 1000,
    tol: float = 1e-4,
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Reconstruction error, coherence and stability for a range of k.

    For each k, a reference model is fitted on all paragraphs (the same
    TF-IDF matrix as :func:`fit_topics`). *Coherence* is the mean over topics
    of :func:`npmi_coherence` of the top ``n_terms`` terms, counted on the
    event's own fitted paragraphs (window = paragraph, ``epsilon = 1e-12``).
    *Stability* follows Greene, O'Callaghan & Cunningham (2014): ``n_runs``
    random subsets of ``subsample`` of the paragraphs (rows of the same
    TF-IDF matrix, drawn without replacement, the same subsets for every k)
    are each fitted with k topics, and :func:`ranking_agreement` of their top
    ``n_terms`` terms with the reference model's is averaged over runs.

    The subsample fits are most of the cost (``len(k_values) * n_runs`` of
    them, 200 with the defaults). They run scikit-learn's coordinate descent
    with less overhead per iteration (:func:`_nmf_components`) and compute the
    agreement with array operations; both give the same numbers, bit for
    bit, as ``NMF(...).fit`` and :func:`ranking_agreement`.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table.
    k_values : iterable of int, default=range(3, 13)
        Numbers of topics to compare.
    n_runs : int, default=20
        Subsample fits per k.
    subsample : float, default=0.8
        Fraction of the fitted paragraphs in each subsample.
    n_terms : int, default=10
        Top terms compared (t).
    random_state : int or None, default=0
        Seed of the subsampling and of NMF.
    coherence_tol : float, default=0.05
        Passed to :func:`recommend_k`.
    min_df, max_df, stop_words, sublinear_tf, init, max_iter, tol
        As in :func:`fit_topics`.
    n_jobs : int or None, default=1
        Processes for the subsample fits (``-1`` is every core; None and 1
        fit in this process). The table is identical for every value: each
        fit depends only on its subset, k and the seed. The workers are
        forked (:func:`analysis.processes.map_forked`: they start in
        milliseconds, with the matrices already in memory), so two cores
        take about half the time of one when the second core is free; where
        the platform cannot fork, every fit runs in this process.

    Returns
    -------
    pandas.DataFrame
        One row per k, ascending:

        - ``k`` : int
        - ``reconstruction_error`` : float, Frobenius norm of
          ``X - W H`` of the reference model (falls as k grows; not a
          criterion on its own)
        - ``coherence`` : float, mean NPMI, in [-1, 1]
        - ``stability`` : float, mean agreement over runs, in [0, 1]
        - ``stability_sd`` : float, its standard deviation over runs
          (ddof=1; NaN for one run)
        - ``stability_se`` : float, ``stability_sd / sqrt(n_runs)``, the
          standard error used by :func:`recommend_k`
        - ``recommended`` : bool, True on exactly one row (:func:`recommend_k`)

    Raises
    ------
    TopicModelError
        If a k exceeds what a subsample supports, or a reference model has
        an all-zero or repeated topic (as in :func:`fit_topics`).

    Examples
    --------
    >>> from analysis import read_event
    >>> table = select_k(read_event(), k_values=[3, 4], n_runs=2)
    >>> table.columns.tolist()
    ['k', 'reconstruction_error', 'coherence', 'stability', 'stability_sd', 'stability_se', 'recommended']
    """
    k_list = sorted({int(k) for k in k_values})
    if not k_list:
        raise TopicModelError("k_values is empty; pass e.g. range(3, 13).")
    if not 0 < subsample <= 1:
        raise TopicModelError(f"subsample must be in (0, 1]; got {subsample!r}.")
    if n_runs < 1:
        raise TopicModelError(f"n_runs must be >= 1; got {n_runs!r}.")
    _, matrix, _, _, _, _ = _vectorize(
        paragraphs, min_df=min_df, max_df=max_df, stop_words=stop_words, sublinear_tf=sublinear_tf
    )
    n_docs = matrix.shape[0]
    n_sub = max(1, round(subsample * n_docs))
    for k in k_list:
        _check_n_components(k, matrix[:n_sub], what=f"a {subsample:.0%} subsample ({n_sub} paragraphs)")

    if n_jobs is not None and (not isinstance(n_jobs, int | np.integer) or isinstance(n_jobs, bool)):
        raise TopicModelError(f"n_jobs must be an int or None; got {n_jobs!r}.")
    if n_jobs == 0:
        raise TopicModelError("n_jobs must not be 0; use 1 (one process), 2 or -1 (every core).")

    rng = check_random_state(random_state)
    seed = _fix_random_state(random_state if not isinstance(random_state, np.random.Generator) else rng)
    subsets = [np.sort(rng.choice(n_docs, size=n_sub, replace=False)) for _ in range(n_runs)]
    options = {"init": init, "max_iter": max_iter, "tol": tol}
    # Reference models first, in this process: their checks raise in k order whatever n_jobs is.
    rows, references = [], []
    for k in k_list:
        reference, weights = _fit_nmf(matrix, k, seed, **options)
        _check_topics(reference, weights, n_docs)
        ref_rankings = _top_term_indices(reference.components_, n_terms)
        references.append(_as_index_array(ref_rankings, n_terms))
        rows.append(
            {
                "k": k,
                "reconstruction_error": float(reference.reconstruction_err_),
                "coherence": float(np.nanmean(npmi_coherence(matrix, ref_rankings))),
            }
        )
    # Then the n_runs subsample fits of every k. Each fit depends only on its subset, k and the
    # seed, so the results are the same whichever process computes them, in whatever order.
    samples = [matrix[subset] for subset in subsets]
    n_workers = 1 if n_jobs in (None, 1) else worker_count(len(k_list) * n_runs, int(n_jobs))
    step = n_runs if n_workers == 1 else _RUNS_PER_TASK
    tasks = [(p, start) for p in range(len(k_list)) for start in range(0, n_runs, step)]
    arguments = [
        (samples[start : start + step], k_list[p], references[p], seed, options, n_terms)
        for p, start in tasks
    ]
    # Forked workers inherit the subsample matrices: they receive task numbers, not matrices.
    results = map_forked(lambda task: _stability_runs(*task), arguments, n_workers)
    agreements_by_k = [[] for _ in k_list]
    for (p, _), agreements in zip(tasks, results, strict=True):
        agreements_by_k[p].extend(agreements)
    for row, agreements in zip(rows, agreements_by_k, strict=True):
        agreements = np.asarray(agreements)
        stability_sd = float(agreements.std(ddof=1)) if n_runs > 1 else np.nan
        row["stability"] = float(agreements.mean())
        row["stability_sd"] = stability_sd
        row["stability_se"] = stability_sd / np.sqrt(n_runs)
    table = pd.DataFrame(rows)
    best = recommend_k(table, coherence_tol=coherence_tol)
    table["recommended"] = table["k"] == best
    return table


def recommend_k(selection: pd.DataFrame, *, coherence_tol: float = 0.05) -> int:
    """The k recommended by a :func:`select_k` table.

    Rule (a one-standard-error rule on stability, after a coherence screen):

    1. keep the k whose coherence is within ``coherence_tol`` (NPMI units) of
       the best coherence in the table;
    2. among them find the highest stability, and keep every k whose
       stability is within one standard error (``stability_se`` of that
       best row) of it: differences smaller than that are run-to-run noise;
    3. recommend the smallest of those k (the most parsimonious model).

    Coherence guards against stable but vague topics, stability against
    topics that are artefacts of one sample. The user can always pass
    another k to :func:`fit_topics`.

    Parameters
    ----------
    selection : pandas.DataFrame
        With columns ``k``, ``coherence``, ``stability`` and
        ``stability_se`` (as returned by :func:`select_k`).
    coherence_tol : float, default=0.05
        Allowed shortfall from the best coherence.

    Returns
    -------
    int

    Examples
    --------
    >>> table = pd.DataFrame({"k": [3, 4, 5, 6], "coherence": [0.10, 0.09, 0.08, 0.02],
    ...                       "stability": [0.50, 0.70, 0.72, 0.95],
    ...                       "stability_se": [0.02, 0.02, 0.03, 0.01]})
    >>> recommend_k(table)  # 6 fails the coherence screen; 4 is within 0.03 of 5's 0.72
    4
    """
    _require_columns(selection, ["k", "coherence", "stability", "stability_se"], "selection")
    table = selection.dropna(subset=["coherence", "stability"])
    if table.empty:
        raise TopicModelError("selection has no row with both coherence and stability; run select_k first.")
    eligible = table[table["coherence"] >= table["coherence"].max() - coherence_tol]
    best = eligible.loc[eligible["stability"].idxmax()]
    margin = 0.0 if pd.isna(best["stability_se"]) else float(best["stability_se"])
    close = eligible[eligible["stability"] >= best["stability"] - margin - 1e-12]
    return int(close["k"].min())
