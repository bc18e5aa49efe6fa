"""How well the letter reader does on real letters: per-field accuracy and confusion matrices,
for the development part and the held-back part separately. Prints figures; asserts nothing.

    python bench/letters_confusion.py [--part dev|heldback|both] [--errors] [--json] [--letters PATH]
    python bench/letters_confusion.py --file PATH [--errors] [--json]

The real letters are ``../shared/letters/real-dev.jsonl`` (real correspondence, never copied
into the project); ``--letters`` points elsewhere. The split is ``pipeline.letters.scoring.part``:
a hash of each ``letter_id``, fixed before any rule was written against these letters.
``--part`` scores one part only (default both); ``--errors`` lists development letters only,
whatever the part: the held-back part is scored, never read.

``--file PATH`` scores any other labelled JSONL (same fields as ``real-dev.jsonl``) as one
development set, with no split: every letter in it is scored and, with ``--errors``, listed.
It is for extra development letters kept outside the repository (real correspondence is never
copied into the project).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.letters import analyse_letter
from pipeline.letters.scoring import confusion, part, score
from tests.support import optional_shared

REAL = optional_shared("letters", "real-dev.jsonl")  # None without ../shared


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def predict(text: str) -> dict:
    return analyse_letter(text).to_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=Path, default=REAL)
    parser.add_argument(
        "--errors", action="store_true", help="list every development letter read wrong"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
    parser.add_argument(
        "--part",
        choices=("dev", "heldback", "both"),
        default="both",
        help="which part to score (default both); held-back errors are never listed",
    )
    parser.add_argument(
        "--file",
        type=Path,
        help="score this labelled JSONL as one development set (no held-back split)",
    )
    args = parser.parse_args()
    if args.file is not None:
        if not args.file.is_file():
            sys.exit(f"no labelled letters at {args.file}")
        report({"file": load(args.file)}, errors=args.errors, as_json=args.json)
        return
    if args.letters is None or not args.letters.is_file():
        where = args.letters or "../shared/letters/real-dev.jsonl"
        sys.exit(f"no labelled letters at {where} (check out ../shared beside the repo)")
    letters = load(args.letters)
    names = ("dev", "heldback") if args.part == "both" else (args.part,)
    parts = {name: [x for x in letters if part(x["letter_id"]) == name] for name in names}
    report(parts, errors=args.errors, as_json=args.json)


def report(parts: dict[str, list[dict]], *, errors: bool, as_json: bool) -> None:
    """Score each named set and print it; errors are listed for every set but the held-back."""
    figures: dict[str, dict] = {}
    for name, chosen in parts.items():
        result = score(chosen, predict)
        figures[name] = result.figures()
        if as_json:
            continue
        print(f"\n=== {name}: {result.letters} letters ===")
        for title, pairs in (
            ("kind", result.kind),
            ("outcome (unknown_truncated excluded)", result.outcome),
            ("review outcome (letters labelled internal_review_response)", result.review),
        ):
            print(f"\n{title}: rows = label, columns = predicted")
            print("\n".join(confusion(pairs)))
            print(f"accuracy {result.accuracy(pairs):.3f} over {len(pairs)}")
        print(
            f"\nprovisions_cited: precision {result.precision:.3f} recall {result.recall:.3f}"
            f" F1 {result.f1:.3f}"
        )
        if errors and name != "heldback":  # the held-back part is scored, never read
            print("\n".join(["", "errors:", *result.errors]))
    print(json.dumps(figures, indent=2) if as_json else "\n" + json.dumps(figures))


if __name__ == "__main__":
    main()
