"""Fit the learned event-factuality value (storyline.analyse.factuality_model) on UDS-IH2 dev.

    PYTHONPATH=src .venv/bin/python scripts/train_factuality.py ../shared/data/uds-ih2-factuality
    PYTHONPATH=src .venv/bin/python scripts/train_factuality.py ../shared/data/uds-ih2-factuality --select

DIR is the UDS-IH2 folder (as for `storyline eval factuality`). Only the dev split is read: it is
the only split whose sentences are in the folder. Each annotated predicate is parsed, judged by the
rules and described by `factuality_model.features`; gold is Rudinger et al.'s [-3, 3] value.

With --select, each ridge penalty of ALPHAS is scored by grouped 10-fold cross-validation over
documents (the folds `factuality_model.fold_of` fixes) and nothing is written; the penalty with the
best out-of-fold Pearson r on half "a" of the documents (the half the rules were read on, see
storyline.evaluate.factuality) is the one to put in factuality_model.ALPHA, so half "b" stays the
fairer figure. Without it, the model is fitted on all dev predicates with ALPHA and MIN_COUNT and
written to src/storyline/models/factuality.json with the fold of each training document (by a hash
of its id), which `storyline eval factuality` uses to score dev out of fold.

CI does not run this. About a minute on two cores (mostly the parse). Deterministic.
"""
from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from storyline.analyse import factuality_model as fm  # noqa: E402
from storyline.evaluate import factuality as ev  # noqa: E402

# Seen with --select on 2026-11-28 (out-of-fold r all / half a / half b): 10 0.707/0.734/0.678,
# 30 0.717/0.747/0.685, 60 0.718/0.7498/0.684, 100 0.717/0.7503/0.681, 200 0.714/0.749/0.676;
# 100 has the best half a, so factuality_model.ALPHA is 100.
ALPHAS = (10.0, 30.0, 60.0, 100.0, 200.0)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", help="the UDS-IH2 folder")
    parser.add_argument("--select", action="store_true", help="score each penalty out of fold; write nothing")
    parser.add_argument("--out", default=str(fm.MODEL_FILE), help="where to write the model")
    args = parser.parse_args(argv)
    sentences = ev.load(Path(args.dir), "dev")
    _log(f"parsing {len(sentences)} sentences")
    rules, rows = ev.parse(sentences)
    flat = [r for sent_rows in rows for r in sent_rows]
    gold = [g for s in sentences for _, g, _ in s.predicates]
    documents = sorted({s.document for s in sentences})
    folds = {fm.doc_key(d): fm.fold_of(d) for d in documents}
    if args.select:
        for alpha in ALPHAS:
            probe = fm.Model(0.0, {}, alpha, fm.MIN_COUNT, fm.FOLDS, folds)
            values, _ = ev.learned(sentences, rules, rows, probe)
            m = ev.score(sentences, values)
            print(f"alpha {alpha:g}: r {m['pearson_r']:.4f} MAE {m['mae']:.4f}; half a r {m['by_half']['a']['pearson_r']:.4f}, "
                  f"half b r {m['by_half']['b']['pearson_r']:.4f}")
        return 0
    model = fm.fit(flat, gold, fm.ALPHA, fm.MIN_COUNT)
    model.folds, model.documents = fm.FOLDS, folds
    out = Path(args.out)
    out.write_text(json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    _log(f"{len(flat)} predicates of {len(documents)} documents, {len(model.weights)} features; "
         f"wrote {out} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
