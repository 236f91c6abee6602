"""The document the app owns: session, file, fingerprint and saved text agree."""

from __future__ import annotations

from composer.edit.document import Document
from composer.format.writer import dumps_session
from composer.model import Block, Session, Step
from composer.store.filestate import describe_change, read_state


def test_a_new_document_is_unsaved_until_marked():
    document = Document()
    assert document.path is None and document.file_state is None
    assert document.name == "new session"
    assert document.modified(None)
    document.mark_saved(None)
    assert not document.modified(None)
    document.session.title = "Morning"
    assert document.modified(None)


def test_a_document_opened_from_a_file_takes_its_name_and_fingerprint(tmp_path):
    path = tmp_path / "wake\x1b[31m.toml"
    path.write_text('title = "Wake"\n')
    document = Document(path=path)
    assert document.session.title == path.stem
    assert document.file_state == read_state(path)[0]
    assert document.name == "wake\\x1b[31m.toml"  # escaped, never raw


def test_replace_starts_over_with_the_new_session(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("")
    document = Document()
    document.comments_ok.add("/somewhere")
    other = Session(title="Other", blocks=[Block(steps=[Step(exercise="x/y")])])
    document.replace(other, path, None)
    assert document.session is other and document.path == path
    assert document.file_state == read_state(path)[0]
    assert document.comments_ok == set()
    assert not document.modified(None)


def test_saved_moves_the_document_to_the_written_file(tmp_path):
    document = Document(Session(title="Saved"))
    path = tmp_path / "saved.toml"
    text = document.text(None)
    path.write_text(text)
    document.saved(path, text)
    assert document.path == path and not document.modified(None)
    assert describe_change(document.file_state, read_state(path)[0]) is None
    assert document.text(None) == dumps_session(document.session)
    path.write_text(text + "# changed by someone else\n")
    assert describe_change(document.file_state, read_state(path)[0]) is not None


def test_is_file_compares_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    document = Document()
    assert not document.is_file(tmp_path / "a.toml")
    document.saved(tmp_path / "a.toml", "")
    assert document.is_file(tmp_path / "a.toml")
    assert document.is_file(type(tmp_path)("a.toml"))
    assert not document.is_file(tmp_path / "b.toml")
