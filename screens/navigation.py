"""The wizard's order of steps and their progress, tolerant of steps not written yet.

`coopwizard.guide` lists every step of the structure; while the guide's
content is being written some step files may be missing: the UI shows only
the steps that exist.
"""

from __future__ import annotations

from coopwizard.guide import Guide, is_answered
from coopwizard.models import Projet, get_path


def ordre(guide: Guide) -> list[str]:
    """Step ids in the wizard's order, only those whose content exists."""
    return [e for e in guide.ordre if e in guide.etapes]


def progres(guide: Guide, projet: Projet) -> dict[str, tuple[int, int]]:
    """For each available step: (answered questions, questions)."""
    result = {}
    for etape_id in ordre(guide):
        questions = guide.etapes[etape_id].questions
        done = 0
        for question in questions:
            try:
                done += is_answered(get_path(projet, question.champ))
            except (AttributeError, IndexError, ValueError):
                pass  # a question bound to a field that does not exist: counted unanswered
        result[etape_id] = (done, len(questions))
    return result


def total(progress: dict[str, tuple[int, int]]) -> tuple[int, int]:
    return sum(d for d, _ in progress.values()), sum(t for _, t in progress.values())


def voisine(guide: Guide, etape_id: str, pas: int) -> str | None:
    """The step `pas` steps away (+1 next, -1 previous), or None at either end."""
    steps = ordre(guide)
    if etape_id not in steps:
        return steps[0] if steps else None
    index = steps.index(etape_id) + pas
    return steps[index] if 0 <= index < len(steps) else None
