"""generator.desk.atomic: outputs written whole, and through the links that name them."""

from __future__ import annotations

import os

import pytest

from generator.desk.atomic import write_text_atomically


def test_a_chain_of_links_is_written_at_its_end_and_stays_a_chain(tmp_path):
    (tmp_path / "real.csv").write_text("keep\n", encoding="utf-8")
    os.symlink("real.csv", tmp_path / "middle.csv")
    os.symlink(tmp_path / "middle.csv", tmp_path / "link.csv")
    write_text_atomically(tmp_path / "link.csv", "new\n")
    assert (tmp_path / "real.csv").read_text(encoding="utf-8") == "new\n"
    assert os.readlink(tmp_path / "link.csv") == str(tmp_path / "middle.csv")
    assert os.readlink(tmp_path / "middle.csv") == "real.csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "middle.csv", "real.csv"]


def test_a_plain_path_is_written_as_before(tmp_path):
    write_text_atomically(tmp_path / "results.csv", "new\n")
    assert (tmp_path / "results.csv").read_text(encoding="utf-8") == "new\n"
    assert not os.path.islink(tmp_path / "results.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["results.csv"]


def test_a_link_to_a_file_not_there_yet_creates_it(tmp_path):
    (tmp_path / "shared").mkdir()
    os.symlink("shared/new.html", tmp_path / "out.html")
    write_text_atomically(tmp_path / "out.html", "page")
    assert (tmp_path / "shared" / "new.html").read_text(encoding="utf-8") == "page"
    assert os.path.islink(tmp_path / "out.html")


def test_links_that_lead_nowhere_writable_are_one_message_and_change_nothing(tmp_path):
    os.symlink("loop2.csv", tmp_path / "loop1.csv")
    os.symlink("loop1.csv", tmp_path / "loop2.csv")
    os.symlink("missing/x.csv", tmp_path / "dangling.csv")
    with pytest.raises(OSError) as loop:
        write_text_atomically(tmp_path / "loop1.csv", "x")
    assert loop.value.strerror == ("a loop of links, which never reaches a file; replace the "
                                   "link with a file or a link to a file")
    with pytest.raises(OSError) as dangling:
        write_text_atomically(tmp_path / "dangling.csv", "x")
    missing = os.path.realpath(tmp_path / "missing" / "x.csv")
    assert dangling.value.strerror == (f"a link to {missing}, in a folder that does not exist; "
                                       "create the folder or change the link")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.csv", "loop1.csv",
                                                          "loop2.csv"]
    assert all(os.path.islink(p) for p in tmp_path.iterdir())

