"""How many of the replica's letters the pipeline reads right, by where the letter lives.

    python bench/letters_replica.py [--requests 300] [--seed 7] [--misses SOURCE] [--categories]
                                    [--json]

Builds the offline replica in-process (as ``wdtk demo`` does, 300 requests, seed 7), takes
each letter the ground truth labels (``Replica.truth(id).letters``), and reads it the way the
pipeline does: a message body is the thread page's body text (what ``stages.normalise`` stores as
``messages.body_text``; tests/db/test_ground_truth.py checks they are equal); an attachment is
downloaded from the replica's own routes (``Site.handle``, the masking wait included) and read
by ``pipeline.extract`` in its limited worker with the page's file name, type and size, as
``stages.extract.extract_attachments`` does. Each text goes to ``pipeline.letters.analyse_letter``,
as ``stages.analyse`` does. Prints, per source, true outcomes found / letters with an outcome and
review outcomes found / letters with one, plus extraction statuses; ``--categories`` counts
the misses by what was expected and what was read ("outcome granted_in_full -> None"), over
every source. Asserts nothing.

Hidden messages and attachments are left out: the pipeline never sees them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.extract import Limits
from pipeline.extract.worker import ExtractionWorker
from pipeline.letters import analyse_letter
from scraper.replica import Replica
from scraper.replica.site import Site
from tests.support import SEEDS, optional_shared

SOURCES = {
    None: "message body",
    "pdf": "PDF",
    "image_pdf": "scanned PDF",
    "docx": "DOCX",
    "eml": "e-mail attachment",
    "txt": "text file",
}
ORDER = [*SOURCES.values(), "other"]


def download(site: Site, path: str) -> bytes:
    """The file as a crawler gets it: the first fetch redirects to the masking wait."""
    for _ in range(3):
        response = site.handle("GET", path)
        if response.status == 200:
            return response.body
        if response.status != 302:
            break
    raise RuntimeError(f"{path}: HTTP {response.status}")


def measure(requests: int, seed: int, limits: Limits) -> dict:
    replica = Replica(requests=requests, seed=seed, seed_letters=optional_shared(*SEEDS))
    site = Site(replica)
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    statuses: dict[str, Counter[str]] = defaultdict(Counter)
    misses: dict[str, list[dict]] = defaultdict(list)
    extract_seconds = 0.0
    with ExtractionWorker(limits) as worker:
        for request_id in replica.visible_ids():
            truth = replica.truth(request_id)
            assert truth is not None
            items = {item.id: item for item in truth.unfolded_page.items if item.kind == "incoming"}
            files = {(a.incoming_message_id, a.part): a for a in truth.attachments}
            for letter in truth.letters:
                item = items.get(letter.incoming_message_id)
                if item is None or item.prominence != "normal":
                    continue
                labels = letter.labels
                if letter.part is None:
                    source, text = SOURCES[None], item.body
                else:
                    file = files[(letter.incoming_message_id, letter.part)]
                    if file.hidden:
                        continue
                    ref = next(a for a in item.attachments if a.part == letter.part)
                    source = SOURCES.get(file.file_kind, "other")
                    data = download(site, file.download_path)
                    started = time.perf_counter()
                    result = worker.extract(
                        data, ref.name, ref.content_type, declared_size=ref.size_bytes
                    )
                    extract_seconds += time.perf_counter() - started
                    statuses[source][result.status] += 1
                    text = result.text if result.readable else ""
                found = analyse_letter(text) if text.strip() else None
                outcome = found.outcome.value if found else None
                review = found.review_outcome.value if found else None
                counts = tally[source]
                if labels.outcome is not None:
                    counts["letters"] += 1
                    counts["outcomes"] += outcome == labels.outcome
                if labels.review_outcome is not None:
                    counts["reviews"] += 1
                    counts["review_found"] += review == labels.review_outcome
                if outcome != labels.outcome or review != labels.review_outcome:
                    misses[source].append(
                        {
                            "request": request_id,
                            "message": letter.incoming_message_id,
                            "part": letter.part,
                            "outcome": [labels.outcome, outcome],
                            "review": [labels.review_outcome, review],
                        }
                    )
    return {
        "requests": requests,
        "seed": seed,
        "by_source": {s: dict(tally[s]) for s in ORDER if s in tally},
        "statuses": {s: dict(statuses[s]) for s in ORDER if s in statuses},
        "extract_seconds": round(extract_seconds, 1),
        "misses": misses,
    }


def _ratio(found: int, total: int) -> str:
    return f"{found}/{total}" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--misses", metavar="SOURCE", help="list the letters of SOURCE read wrong")
    parser.add_argument(
        "--categories", action="store_true", help="count the misses by expected -> read"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(args.requests, args.seed, Limits())
    if args.json:
        print(json.dumps({k: v for k, v in figures.items() if k != "misses"}, indent=2))
        return
    print(f"replica: {args.requests} requests, seed {args.seed}")
    print(f"{'source':<20}{'outcomes':>12}{'reviews':>10}  extraction statuses")
    total = Counter[str]()
    for source, counts in figures["by_source"].items():
        total.update(counts)
        status = ", ".join(
            f"{k} {v}" for k, v in sorted(figures["statuses"].get(source, {}).items())
        )
        print(
            f"{source:<20}{_ratio(counts.get('outcomes', 0), counts.get('letters', 0)):>12}"
            f"{_ratio(counts.get('review_found', 0), counts.get('reviews', 0)):>10}  {status}"
        )
    print(
        f"{'all':<20}{_ratio(total['outcomes'], total['letters']):>12}"
        f"{_ratio(total['review_found'], total['reviews']):>10}"
    )
    print(f"attachment extraction: {figures['extract_seconds']} s in the worker")
    if args.misses:
        for miss in figures["misses"].get(args.misses, []):
            print(json.dumps(miss))
    if args.categories:
        for (field, wanted, read), count in categories(figures["misses"]).most_common():
            print(f"{count:4}  {field} {wanted} -> {read}")


def categories(misses: dict[str, list[dict]]) -> Counter[tuple[str, str, str]]:
    """Misses of every source by field and expected -> read value."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for listed in misses.values():
        for miss in listed:
            for field in ("outcome", "review"):
                wanted, read = miss[field]
                if wanted != read:
                    counts[(field, str(wanted), str(read))] += 1
    return counts


if __name__ == "__main__":
    main()
