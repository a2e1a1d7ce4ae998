"""The theme's compiled templates kept between builds (workbook/template_cache.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from workbook import template_cache


def _hello_template(tmp_path: Path) -> Path:
    """A templates folder holding one template, page.html."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    return templates


def _env(templates: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), auto_reload=False)


def test_a_second_environment_reuses_the_compiled_code(tmp_path: Path) -> None:
    templates = _hello_template(tmp_path)
    first = _env(templates)
    folder = template_cache.install(first, tmp_path / "project")
    assert folder is not None
    assert first.get_template("page.html").render(name="you") == "Hello you"
    assert len(list(folder.iterdir())) == 1

    second = _env(templates)
    template_cache.install(second, tmp_path / "project")
    compiled: list[str] = []
    second.compile = lambda *a, **k: compiled.append("again")  # type: ignore[method-assign]
    assert second.get_template("page.html").render(name="you") == "Hello you"
    assert compiled == []  # loaded from the cache, not compiled


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    templates = _hello_template(tmp_path)
    env = _env(templates)
    template_cache.install(env, tmp_path / "project")
    env.get_template("page.html").render(name="you")

    (templates / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    again = _env(templates)
    template_cache.install(again, tmp_path / "project")
    assert again.get_template("page.html").render(name="you") == "Goodbye you"


def test_other_settings_use_another_folder(tmp_path: Path) -> None:
    plain = jinja2.Environment()
    with_extension = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    assert template_cache.folder(tmp_path, plain) != template_cache.folder(tmp_path, with_extension)
    assert template_cache.folder(tmp_path, plain) == template_cache.folder(tmp_path, jinja2.Environment())


def test_the_theme_hands_out_cached_environments(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(template_cache.CACHE_ENV, raising=False)

    class Theme:
        def get_env(self) -> jinja2.Environment:
            return jinja2.Environment()

    theme = Theme()
    template_cache.cache_theme(theme, tmp_path)
    env = theme.get_env()
    assert isinstance(env.bytecode_cache, jinja2.FileSystemBytecodeCache)
    assert Path(env.bytecode_cache.directory).is_relative_to(tmp_path / ".cache" / "templates")


def test_the_theme_list_is_mkdocs_list_without_what_its_filter_drops(tmp_path: Path) -> None:
    # MkDocs drops every name matching ".*" or "*/.*" (mkdocs/structure/files.py);
    # the list leaves exactly those out, and nothing else.
    import fnmatch

    from mkdocs.config import load_config

    from checks import site
    dirs = load_config(str(site.ROOT / "mkdocs.yml")).theme.dirs
    full = jinja2.FileSystemLoader(dirs).list_templates()
    kept = [n for n in full if not any(fnmatch.fnmatch(n.lower(), p) for p in (".*", "*/.*"))]
    assert template_cache.VisibleLoader(dirs).list_templates() == kept
    assert len(full) - len(kept) > 10_000  # Material's .icons
    assert any(n.startswith("assets/") for n in kept)


def test_a_hidden_template_still_loads_by_name(tmp_path: Path) -> None:
    (tmp_path / ".icons").mkdir()
    (tmp_path / ".icons" / "a.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "page.html").write_text('{% include ".icons/a.svg" %}', encoding="utf-8")
    env = jinja2.Environment(loader=template_cache.VisibleLoader(str(tmp_path)))
    assert env.list_templates() == ["page.html"]
    assert env.get_template("page.html").render() == "<svg/>"


def test_a_folder_that_cannot_be_written_only_costs_speed(tmp_path: Path) -> None:
    import os
    templates = _hello_template(tmp_path)
    env = _env(templates)
    folder = template_cache.install(env, tmp_path / "project")
    assert folder is not None
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root ignores the mode: plant a failing write instead
            env.bytecode_cache.directory = str(tmp_path / "missing" / "folder")
        assert env.get_template("page.html").render(name="you") == "Hello you"
    finally:
        folder.chmod(0o700)
