"""Confusion matrices of the letter rules over the labelled set (kind, outcome, review outcome),
and provision-citation precision and recall. Prints figures; asserts nothing.

    python bench/letters_confusion.py [--errors]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.letters import analyse_letter

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "pipeline" / "letters" / "labelled"


def load() -> list[dict]:
    letters: list[dict] = []
    for path in sorted(LABELLED.glob("*.yaml")):
        letters.extend(yaml.safe_load(path.read_text("utf-8")))
    return letters


def matrix(title: str, pairs: list[tuple[str, str]]) -> None:
    labels = sorted({str(x) for pair in pairs for x in pair})
    counts = Counter((str(a), str(b)) for a, b in pairs)
    width = max(len(label) for label in labels) + 2
    print(f"\n{title}: rows = label, columns = predicted")
    print(" " * width + "".join(f"{label[:10]:>11}" for label in labels))
    for row in labels:
        print(f"{row:<{width}}" + "".join(f"{counts[(row, col)]:>11}" for col in labels))
    correct = sum(counts[(label, label)] for label in labels)
    print(f"accuracy {correct}/{len(pairs)} = {correct / len(pairs):.3f}")


def main(show_errors: bool) -> None:
    letters = load()
    kinds, outcomes, reviews = [], [], []
    true_positive = false_positive = false_negative = 0
    for letter in letters:
        analysis = analyse_letter(letter["text"])
        kinds.append((letter["kind"], analysis.kind.value))
        outcomes.append((letter["outcome"], analysis.outcome.value))
        if letter["kind"] == "internal_review_response":
            reviews.append((letter.get("review_outcome"), analysis.review_outcome.value))
        expected, got = set(letter["provisions"]), set(analysis.provisions)
        true_positive += len(expected & got)
        false_positive += len(got - expected)
        false_negative += len(expected - got)
        if show_errors and (
            expected != got
            or letter["outcome"] != analysis.outcome.value
            or letter["kind"] != analysis.kind.value
        ):
            print(
                f"{letter['id']}: kind {letter['kind']}->{analysis.kind.value}"
                f" outcome {letter['outcome']}->{analysis.outcome.value}"
                f" missing {sorted(expected - got)} extra {sorted(got - expected)}"
            )
    matrix("kind", kinds)
    matrix("outcome", outcomes)
    matrix("review outcome", reviews)
    precision = true_positive / max(true_positive + false_positive, 1)
    recall = true_positive / max(true_positive + false_negative, 1)
    print(
        f"\nprovisions: precision {precision:.3f} recall {recall:.3f} over {len(letters)} letters"
    )


if __name__ == "__main__":
    main("--errors" in sys.argv)
