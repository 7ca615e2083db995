"""Issue 11, point 5: the conflict copies sync tools leave next to a project."""

from __future__ import annotations

from datetime import date, datetime

from coopwizard.sync_copies import find_copies, identify, merged_name

COPIES = {
    "projet (conflicted copy 2026-12-01 101010).toml": ("Nextcloud", datetime(2026, 12, 1, 10, 10, 10), ""),
    "projet.sync-conflict-20261201-101010-ABCDEFG.toml": ("Syncthing", datetime(2026, 12, 1, 10, 10, 10), ""),
    "projet (Ahmed's conflicted copy 2026-12-01).toml": ("Dropbox", datetime(2026, 12, 1), "Ahmed"),
    "projet (copie en conflit de Ahmed 2026-12-02).toml": ("Dropbox", datetime(2026, 12, 2), "Ahmed"),
    "projet_conflict-20261203-080000.toml": ("Nextcloud", datetime(2026, 12, 3, 8, 0), ""),
}
NOT_COPIES = ["projet.toml", "projet.toml.bak", "projet2.toml", "autre (conflicted copy 2026-12-01 101010).toml",
              "projet.sync-conflict-20261201-101010-ABCDEFG.fusionnee-2026-12-01.toml",
              "projet (conflicted copy 2026-12-01 101010).txt"]


def test_each_tools_copy_is_found_with_its_date_and_nothing_else(tmp_path):
    project = tmp_path / "projet.toml"
    for name in [*COPIES, *NOT_COPIES]:
        (tmp_path / name).write_text("", encoding="utf-8")
    found = find_copies(project)
    assert [c.chemin.name for c in found] == sorted(COPIES, key=lambda n: COPIES[n][1])
    for copy in found:
        assert (copy.outil, copy.le, copy.qui) == COPIES[copy.chemin.name]
    assert identify(tmp_path / "projet.sync-conflict-2026-x.toml", project) is None


def test_a_merged_copy_gets_a_name_that_says_so_never_an_existing_one(tmp_path):
    copy = tmp_path / "projet.sync-conflict-20261201-101010-ABCDEFG.toml"
    first = merged_name(copy, date(2026, 12, 1))
    assert first.name == "projet.sync-conflict-20261201-101010-ABCDEFG.fusionnee-2026-12-01.toml"
    first.write_text("", encoding="utf-8")
    assert merged_name(copy, date(2026, 12, 1)).name.endswith(".fusionnee-2026-12-01-2.toml")
    assert find_copies(tmp_path / "projet.toml") == []
