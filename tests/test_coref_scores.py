"""Coreference metrics on hand-checked partitions.

The expected figures are those of the CoNLL reference scorer's own test cases (key {a} {bc} {def})
and of Vilain et al. (1995) for MUC; each is worked out in the comment beside it.
"""
from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.evaluate.coref_scores import assignment, b_cubed, ceafe, conll, muc

KEY = [{"a"}, {"b", "c"}, {"d", "e", "f"}]


def close(got, want):
    assert got == pytest.approx(want, abs=1e-4)


def f(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def test_perfect_response_scores_one():
    for metric in (muc, b_cubed, ceafe, conll):
        close(metric(KEY, [set(c) for c in KEY]), (1.0, 1.0, 1.0))


def test_missing_mentions():
    response = [{"a"}, {"d", "e"}]
    # MUC: key links kept 1 of 3; response link 1 of 1.
    close(muc(KEY, response), (1.0, 1 / 3, 0.5))
    # B3 recall: a 1 + d,e 2/3 each = 7/3 over 6 mentions; precision 3/3.
    close(b_cubed(KEY, response), (1.0, (7 / 3) / 6, f(1.0, 7 / 18)))
    # CEAF-e: {a}-{a} 1, {def}-{de} 2*2/5 = 0.8; recall 1.8/3, precision 1.8/2.
    close(ceafe(KEY, response), (0.9, 0.6, 0.72))


def test_extra_mentions():
    response = [{"a"}, {"b", "c", "x"}, {"d", "e", "f", "y"}, {"z"}]
    close(muc(KEY, response), (3 / 5, 1.0, 0.75))
    # B3 precision: 1 + 2*(2/3) + 3*(3/4) over 9 response mentions.
    close(b_cubed(KEY, response), ((4 + 7 / 12) / 9, 1.0, f((4 + 7 / 12) / 9, 1.0)))
    # CEAF-e: 1 + 4/5 + 6/7 = 2.657; recall /3, precision /4.
    common = 1 + 4 / 5 + 6 / 7
    close(ceafe(KEY, response), (common / 4, common / 3, f(common / 4, common / 3)))


def test_missing_and_extra_mentions():
    response = [{"a"}, {"b", "c", "x"}, {"d", "y"}, {"z"}]
    close(muc(KEY, response), (1 / 3, 1 / 3, 1 / 3))
    close(b_cubed(KEY, response), ((1 + 4 / 3 + 1 / 2) / 7, (3 + 1 / 3) / 6,
                                   f((1 + 4 / 3 + 1 / 2) / 7, (3 + 1 / 3) / 6)))
    close(ceafe(KEY, response), (0.55, 0.73333, 0.62857))


def test_all_singletons_response():
    response = [{m} for c in KEY for m in c]
    close(muc(KEY, response), (0.0, 0.0, 0.0))  # no links at all
    close(b_cubed(KEY, response), (1.0, 0.5, 2 / 3))  # recall (1 + 1/2*2 + 1/3*3) / 6
    # CEAF-e: each key cluster takes one of its singletons: 1 + 2/3 + 2/4 over 3 key, 6 response.
    common = 1 + 2 / 3 + 1 / 2
    close(ceafe(KEY, response), (common / 6, common / 3, f(common / 6, common / 3)))


def test_one_cluster_response():
    response = [{"a", "b", "c", "d", "e", "f"}]
    close(muc(KEY, response), (3 / 5, 1.0, 0.75))
    close(b_cubed(KEY, response), ((1 / 6 + 2 * 2 / 6 + 3 * 3 / 6) / 6, 1.0, 14 / 25))


def test_muc_vilain_example():
    # Vilain et al. 1995: key A-B-C-D; response A-B, C-D: recall 2/3, precision 2/2.
    close(muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}]), (1.0, 2 / 3, 0.8))


def test_muc_ignores_singletons():
    assert muc([{"a", "b"}, {"c"}], [{"a", "b"}]) == muc([{"a", "b"}], [{"a", "b"}, {"c"}])


def test_conll_is_the_mean_of_the_three():
    response = [{"a"}, {"b", "c", "x"}, {"d", "y"}, {"z"}]
    want = sum(m(KEY, response)[2] for m in (muc, b_cubed, ceafe)) / 3
    close(conll(KEY, response)[2], want)


def test_empty_partitions_score_zero():
    for metric in (muc, b_cubed, ceafe, conll):
        assert metric([], []) == (0.0, 0.0, 0.0)


def test_accepts_lists_and_tuples_of_mentions():
    close(b_cubed([["a", "b"], ("c",)], [("a",), ["b", "c"]]), b_cubed([{"a", "b"}, {"c"}], [{"a"}, {"b", "c"}]))


@given(st.lists(st.lists(st.integers(0, 9), min_size=1, max_size=5), min_size=1, max_size=5))
def test_assignment_is_optimal(rows):
    width = max(map(len, rows))
    weights = [[float(x) for x in row + [0] * (width - len(row))] for row in rows]
    pairs = assignment(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    got = sum(weights[i][j] for i, j in pairs)
    n, m = len(weights), width
    if n <= m:
        best = max(sum(weights[i][p[i]] for i in range(n)) for p in permutations(range(m), n))
    else:
        best = max(sum(weights[p[j]][j] for j in range(m)) for p in permutations(range(n), m))
    assert got == pytest.approx(best)
