"""A whole walk: new project, an answer in every step, quit, reopen: all is there."""

from __future__ import annotations

from datetime import date

from coopwizard import store
from coopwizard.guide import Question, guide
from coopwizard.models import Projet, get_path
from screens import navigation
from screens.questions import widget_id
from tests.ui.conftest import enregistrement_termine, fabrique

TYPES_SIMPLES = ("texte", "texte_long", "date", "choix", "choix_multiple", "oui_non")


def premiere_question(etape_id: str) -> Question:
    return next(q for q in guide().etapes[etape_id].questions if q.type in TYPES_SIMPLES)


def attendu(question: Question, etape_id: str):
    return {
        "texte": etape_id[:3],
        "texte_long": etape_id[:3],
        "date": date(2026, 5, 12),
        "choix": question.choix[0].valeur if question.choix else None,
        "choix_multiple": [question.choix[0].valeur] if question.choix else [],
        "oui_non": True,
    }[question.type]


async def repondre(pilot, question: Question, etape_id: str) -> None:
    if question.type in ("texte", "texte_long"):
        await pilot.press(*etape_id[:3])
    elif question.type == "date":
        await pilot.press(*"12/05/2026")
    elif question.type == "choix_multiple":
        await pilot.press("space")
    else:  # choix, oui_non: a RadioSet, the first option highlighted
        await pilot.press("enter")
    await pilot.pause()


async def test_walk_every_step_then_reopen(tmp_path):
    chemin = tmp_path / "projet.toml"
    store.save(Projet(), chemin)
    steps = navigation.ordre(guide())
    assert len(steps) == 9  # "Votre projet", 3 single-step conditions, 5 phase steps

    app = fabrique(Projet(), chemin, nouveau=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        wizard = app.wizard
        assert wizard.etape_id == steps[0]
        assert app.focused is not None and app.focused.id == widget_id("nom")  # cursor in the name
        for i, etape_id in enumerate(steps):
            if i:
                await pilot.press("f6")
                await pilot.pause()
            assert wizard.etape_id == etape_id
            question = premiere_question(etape_id)
            assert wizard.focus_champ(question.champ)
            await pilot.pause()
            await repondre(pilot, question, etape_id)
            assert get_path(app.projet, question.champ) == attendu(question, etape_id)
        dernier = premiere_question(steps[-1]).champ
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0

    reloaded = store.load(chemin)
    for etape_id in steps:
        question = premiere_question(etape_id)
        assert get_path(reloaded, question.champ) == attendu(question, etape_id), question.champ
    assert (reloaded.position.etape, reloaded.position.champ) == (steps[-1], dernier)

    again = fabrique(reloaded, chemin)
    async with again.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert again.wizard.etape_id == steps[-1]
        assert again.focused is not None and again.focused.id == widget_id(dernier)
        await pilot.press("f5")  # going back to an earlier step shows its answer
        await pilot.pause()
        assert again.wizard.etape_id == steps[-2]
        await enregistrement_termine(pilot)
