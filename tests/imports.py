"""What a module imports, read from its source with ``ast`` (nothing is imported to find out).

Every ``import`` and ``from … import`` counts, inside functions too, with relative imports
resolved against the module's package, so a layering rule cannot be dodged by a late import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(*roots: str) -> Iterator[Path]:
    """Every Python file under the repository-relative ``roots``."""
    for root in roots:
        base = REPO / root
        yield from [base] if base.is_file() else sorted(base.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """The dotted names ``path`` imports: ``from a.b import c`` gives ``a.b`` and ``a.b.c``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                prefix = ".".join([*base, *([node.module] if node.module else [])])
            else:
                prefix = node.module or ""
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" for alias in node.names)
    return names


def within(name: str, packages: tuple[str, ...]) -> bool:
    """Whether dotted ``name`` is one of ``packages`` or inside one."""
    return any(name == p or name.startswith(p + ".") for p in packages)


def offending(roots: tuple[str, ...], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    """Modules under ``roots`` that import anything in ``forbidden``, with what they import."""
    found: dict[str, list[str]] = {}
    for path in modules(*roots):
        bad = sorted(n for n in imported(path) if within(n, forbidden))
        if bad:
            found[module_name(path)] = bad
    return found
