"""Letters analysed per second over the project's own labelled set (figures only).

python bench/letters_throughput.py [rounds]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.letters import analyse_letter
from tests.pipeline.letters.conftest import labelled_letters


def main(rounds: int) -> None:
    texts = [letter["text"] for letter in labelled_letters()]
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            analyse_letter(text)
    elapsed = time.perf_counter() - started
    count = rounds * len(texts)
    chars = rounds * sum(len(t) for t in texts)
    print(
        f"{count} letters in {elapsed:.2f}s: {count / elapsed:.0f} letters/s, {chars / elapsed / 1e6:.2f} M chars/s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
