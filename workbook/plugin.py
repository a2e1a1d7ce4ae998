"""The site's MkDocs plugin: wires build events to the pure modules here.

Listed last under ``plugins:`` in mkdocs.yml (registered as ``workbook`` in
pyproject.toml). Each method below is one build event; inside it the
features run in the order written, each a call into its own module. What
one build reads (the worksheet definitions, the guides' sections and steps)
is read once, kept in :class:`Build`, and shared by every feature.

In the order MkDocs calls them:

- ``on_serve``: serve looks for edits every 0.1 s (workbook/watching.py) and
  watches the stamp PDFs rendered after the pages leave;
- ``on_config``: first of all plugins, the theme's templates given a cache
  of their compiled code (workbook/template_cache.py); then practice and
  offline settings checked; stylesheets bundled;
  the offline page added to the theme's static templates;
- ``on_files``: worksheet definitions and guides read (once per build) and
  checked;
  the stylesheet bundle, a page per worksheet and every PDF added;
- ``on_nav``: the guides' action steps found and checked; the key of the
  build's Markdown conversions made (workbook/markdown_cache.py);
- ``on_pre_page``: each page converts its Markdown only if the cache has
  no conversion of the same Markdown under that key;
- ``on_page_markdown``: the markers filled (practice, checklist, worksheet
  cards, My answers catalogue, PDF links);
- ``on_page_markdown`` also sets blocks of finished HTML aside (a worksheet's
  form, the cards, the My answers root: Markdown would only pass them
  through; workbook/set_aside.py), and ``on_page_content`` puts them back;
- ``on_page_content``: the calendar box on weekly worksheets; then a
  worksheet's form swapped for the words search should index
  (workbook/worksheet/search.py);
- ``on_env``: every public target gathered for the therapist tools; templates
  told whether pages register the service worker (never under serve), and
  given the build's fragments (workbook/fragments.py);
- ``on_page_context``: the therapists' link directory; last of all plugins
  (after search has indexed the page), each worksheet's form put back;
- ``on_post_page``: heading permalinks named;
- ``on_post_build``: old Markdown conversions pruned; the link manifest,
  then, in one pass over the pages (each read and written once), the
  site's own JS and CSS minified and
  renamed by content hash and the Content-Security-Policy (pages,
  ``_headers``, ``_nginx.conf``), then the offline files, which hash the
  pages as they finally are; last, under serve, the PDFs the cache lacked
  start rendering (workbook/pdf/later.py).

A mistake in the site's data stops the build with a ``PluginError`` that
says what to fix.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

from workbook import (answers_catalogue, assets, checklist, csp, fragments, links, markdown_cache, nginx, offline,
                      permalinks, practice, reminders, stylesheet, targets, template_cache, urls, watching)
from workbook.pdf import build as pdfs
from workbook.pdf import downloads, later
from workbook.pdf.errors import PdfError
from workbook.pdf.markup import Site
from workbook.set_aside import SetAside
from workbook.worksheet import catalogue, load
from workbook.worksheet import page as sheet_page
from workbook.worksheet import search as sheet_search
from workbook.worksheet.schema import Worksheet

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.workbook")


@dataclass
class Build:
    """What one build has read and made, shared by every feature."""

    project: Path
    practice: practice.Practice | None = None
    css_parts: list[str] = field(default_factory=list)
    guide_texts: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown of each guide, read once
    guide_sections: load.GuideSections | None = None  # explicit heading ids, for `supports`
    worksheets: list[Worksheet] = field(default_factory=list)
    sheet_of_page: dict[str, Worksheet] = field(default_factory=dict)  # page src_uri -> worksheet
    set_aside: dict[str, SetAside] = field(default_factory=dict)  # page src_uri -> its HTML blocks, set aside
    forms: dict[str, str] = field(default_factory=dict)  # page src_uri -> its form, while search reads a stand-in
    pdfs: pdfs.Made | None = None  # None when PDFs are off
    guides: list[checklist.Guide] = field(default_factory=list)  # guides with their steps
    targets: list[links.Entry] = field(default_factory=list)  # for the therapist tools
    markdown_cache: tuple[markdown_cache.Cache, str] | None = None  # with this build's key; None: every page converted


class WorkbookPlugin(BasePlugin):
    """One instance lives through ``mkdocs serve``; each build starts a new :class:`Build`."""

    def __init__(self) -> None:
        self.serving = False
        self.offline = True  # extra.offline in mkdocs.yml
        self.build = Build(Path.cwd())

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        watching.poll_every(server.observer)  # edits noticed within 0.1 s, not 0.5 s
        # PDFs rendered after the pages (workbook/pdf/later.py) leave a stamp
        # here; the rebuild it starts links them.
        if pdfs.enabled():
            ready = later.ready_folder(pdfs.cache_folder(Path(config.config_file_path).parent))
            ready.mkdir(parents=True, exist_ok=True)
            server.watch(str(ready))
        return server

    # First of every plugin's on_config: the search plugin makes a template
    # environment of its own there.
    @event_priority(100)
    def _cache_templates(self, config: MkDocsConfig) -> None:
        template_cache.cache_theme(config.theme, Path(config.config_file_path).parent)

    def _on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.build = build = Build(Path(config.config_file_path).parent)
        try:
            build.practice = practice.load(config.extra.get("practice"))
        except practice.PracticeError as error:
            raise PluginError(str(error)) from None
        config.extra["practice"] = practice.as_template_data(build.practice)
        try:
            self.offline = offline.enabled(config.extra)
        except offline.OfflineSettingError as error:
            raise PluginError(str(error)) from None
        if self.offline:
            config.theme.static_templates.add(offline.OFFLINE_PAGE)
        build.css_parts = stylesheet.own_parts(config.extra_css)
        config.extra_css = stylesheet.with_bundle(config.extra_css)
        return config

    on_config = CombinedEvent(_cache_templates, _on_config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._stylesheet(files, config)
        self._read_worksheets(files, config)
        self._worksheet_pages(files, config)
        if pdfs.enabled():
            self._pdfs(files, config)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Each guide's text is the one _read_worksheets read and gave its File.
        sources = checklist.guide_sources(nav.pages, files.documentation_pages(), config.docs_dir)
        found = checklist.problems(sources)
        if found:
            raise PluginError("The guides' action steps need fixing:\n" + "\n".join(found))
        self.build.guides = checklist.collect(sources)
        # Every plugin has changed the files by now: links resolve against these.
        folder = markdown_cache.cache_folder(self.build.project)
        key = markdown_cache.build_key(config, files) if folder is not None else None
        if key is not None:
            self.build.markdown_cache = (markdown_cache.Cache(folder), key)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        # A page whose Markdown has not changed is not converted again (workbook/markdown_cache.py).
        if self.build.markdown_cache is not None:
            markdown_cache.attach(page, *self.build.markdown_cache)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build, here = self.build, page.file.src_uri

        def link(src: str) -> str:  # a source path as a link from this page
            return urls.relative_link(src, here, use_directory_urls=config.use_directory_urls)

        if practice.MARKER in markdown:
            markdown = markdown.replace(practice.MARKER, practice.support_markdown(build.practice))
        if checklist.MARKER in markdown:
            markdown = markdown.replace(checklist.MARKER, checklist.index_markdown(
                build.guides, lambda url, anchor: urls.relative(f"{url}#{anchor}" if anchor else url, page.url)))
        # Blocks of finished HTML skip Markdown (workbook/set_aside.py) and go back in on_page_content.
        aside = build.set_aside[here] = SetAside()
        if catalogue.MARKER in markdown:
            markdown = markdown.replace(catalogue.MARKER, aside.keep(catalogue.cards(
                build.worksheets, lambda w: link(sheet_page.src_uri(w)))))
        if answers_catalogue.MARKER in markdown:
            markdown = markdown.replace(answers_catalogue.MARKER, aside.keep(answers_catalogue.root(
                answers_catalogue.catalogue(build.worksheets, lambda w: link(sheet_page.src_uri(w))))))
        markdown = self._pdf_links(markdown, here)
        if here in build.sheet_of_page:  # last: after the PDF links, which are Markdown
            markdown, build.forms[here] = sheet_page.set_form_aside(markdown, aside)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        here = page.file.src_uri
        if here in self.build.set_aside:
            html = self.build.set_aside.pop(here).put_back(html)
        form = self.build.forms.get(here, "")
        worksheet = page.meta.get("worksheet")  # generated pages, and any written by hand
        if isinstance(worksheet, str):
            html = reminders.add_calendar(html, worksheet, page.meta.get("title") or page.title or worksheet)
        if form:  # search reads the questions, not every tag of the form; it goes back in _form_back
            html = sheet_search.index_with(html, form, self.build.sheet_of_page[here])
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every page has been rendered by now: the guides' tables of contents
        # hold the heading ids readers really get.
        build = self.build

        def rendered(guide: checklist.Guide) -> targets.RenderedPage:
            page = files.get_file_from_path(guide.path.split("/", 1)[1]).page
            return targets.RenderedPage(page.toc, page.content or "")

        # Every page naming a worksheet in its front matter: the generated
        # ones, and any written by hand under worksheets/.
        sheets = []
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            page = file.page
            if file.src_uri.startswith("worksheets/") and page is not None:
                pdf = build.pdfs.first_pdf(str(page.meta.get("worksheet"))) if build.pdfs else ""
                if (sheet := targets.worksheet_page(page.meta, page.title, file.url, pdf)) is not None:
                    sheets.append(sheet)
        build.targets = targets.gather(build.guides, rendered, sheets)
        env.globals["tw_offline"] = {"enabled": self.offline, "worker": self.offline and not self.serving}
        env.globals["tw_fragment"] = fragments.Fragments()
        return env

    def _directory(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if page.content and links.DIRECTORY_MARKER in page.content:
            page.content = page.content.replace(links.DIRECTORY_MARKER, links.directory_html(
                self.build.targets, config.site_url, lambda path: urls.relative(path, page.url)))
        return context

    # After every other plugin's on_page_context: the search plugin indexes
    # the page there, with the form's stand-in (workbook/worksheet/search.py).
    @event_priority(-100)
    def _form_back(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        here = page.file.src_uri
        if here in self.build.forms:
            try:
                page.content = sheet_search.without_stand_in(page.content or "", self.build.forms.pop(here))
            except sheet_search.StandInLost as error:
                raise PluginError(f"{here}: {error}") from None
        return context

    on_page_context = CombinedEvent(_directory, _form_back)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if 'class="headerlink"' in output:
            output = permalinks.name_permalinks(output)
        return output

    # Last of every plugin's on_post_build: mkdocs-redirects writes its pages
    # there, and the policy must allow the inline scripts of every page.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.build.markdown_cache is not None:  # a few old conversions kept for each page, no more
            self.build.markdown_cache[0].prune()
        self._manifest(site, config)
        if self.serving:  # the readable sources as written, and no policy (live reload is inline)
            log.info("Content-Security-Policy left out while serving (live reload is an inline script)")
        else:
            # Every page read once, changed in memory by both steps, written once.
            pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
                     for path in sorted(site.rglob("*.html"))}
            self._minify_and_hash(site, pages)
            self._content_security_policy(site, pages)
            for path, html in pages.items():
                (site / path).write_text(html, encoding="utf-8")
        self._offline(site, config)  # last: it hashes the pages as they finally are
        self._render_later(config)

    # -- the features' steps --------------------------------------------------

    def _stylesheet(self, files: Files, config: MkDocsConfig) -> None:
        texts = []
        for part in self.build.css_parts:
            path = Path(config.docs_dir) / part
            if not path.is_file():
                raise PluginError(f"mkdocs.yml: extra_css lists {part}, but docs/{part} does not exist")
            texts.append((part, path.read_text(encoding="utf-8")))
            if (joined := files.get_file_from_path(part)) is not None:
                files.remove(joined)  # served inside the bundle, not on its own
        files.append(File.generated(config, stylesheet.BUNDLE, content=stylesheet.join(texts)))

    def _read_worksheets(self, files: Files, config: MkDocsConfig) -> None:
        """Every definition and guide, read and checked once per build (``watch:`` lists worksheets/)."""
        build, docs = self.build, Path(config.docs_dir)
        # Each guide read once per build: its sections here, its steps in
        # on_nav, and its page from the same text (MkDocs 1.6: a File given
        # its content is not read from disk again).
        for file in files.documentation_pages():
            if file.src_uri.startswith(checklist.GUIDES):
                build.guide_texts[file.src_uri] = file.content_string = file.content_string
        build.guide_sections = load.guide_sections(docs, build.guide_texts)
        try:
            build.worksheets = load.load_all(build.project / "worksheets", docs, guides=build.guide_sections)
        except load.WorksheetError as error:
            raise PluginError("Worksheet definitions have mistakes:\n" + str(error)) from None

    def _worksheet_pages(self, files: Files, config: MkDocsConfig) -> None:
        """A page per worksheet at ``worksheets/<id>.md``, out of the navigation."""
        build = self.build
        for worksheet in build.worksheets:
            uri = sheet_page.src_uri(worksheet)
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"worksheets/{worksheet.id}.yml: id: docs/{uri} already exists: "
                                  "choose another id, or remove that page")
            content = sheet_page.page_markdown(worksheet, build.guide_sections,
                                               use_directory_urls=config.use_directory_urls)
            files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
            build.sheet_of_page[uri] = worksheet

    def _pdfs(self, files: Files, config: MkDocsConfig) -> None:
        """Every PDF; under serve only those cached, the rest rendered after the pages."""
        site = Site(config.site_name, config.site_url or "/", config.use_directory_urls)
        folder = pdfs.cache_folder(self.build.project)
        try:
            self.build.pdfs = pdfs.make(self.build.worksheets, site, folder, render=not self.serving)
        except PdfError as error:
            raise PluginError(str(error)) from None
        if self.build.pdfs.missing:
            log.info(f"{len(self.build.pdfs.missing)} PDFs will be linked once rendered, after the pages")
        for path, data in self.build.pdfs.files.items():
            files.append(File.generated(config, path, content=data))

    def _render_later(self, config: MkDocsConfig) -> None:
        """Under serve, the PDFs the cache lacked, rendered once the pages are written: started
        any earlier, their worker processes would take the cores the rebuild needs."""
        if self.build.pdfs and self.build.pdfs.missing:
            later.render_later(self.build.pdfs.missing, pdfs.cache_folder(self.build.project))

    def _pdf_links(self, markdown: str, here: str) -> str:
        made = self.build.pdfs
        worksheet = self.build.sheet_of_page.get(here)
        if worksheet is not None:
            if made and worksheet.id in made.sheets:
                block = downloads.sheet_block(worksheet.id, worksheet.title, made.sheets[worksheet.id], here)
                markdown = downloads.before_form(markdown, block)
            return markdown
        if downloads.MARKER in markdown:
            block = downloads.workbook_block(made.workbook, here) if made and made.workbook else ""
            markdown = markdown.replace(downloads.MARKER, block)
        return markdown

    def _manifest(self, site: Path, config: MkDocsConfig) -> None:
        """``assets/manifest.json``: the only keys the homework builder offers and its page accepts."""
        target = site / links.MANIFEST_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        data = links.manifest(self.build.targets, config.site_url)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def _minify_and_hash(self, site: Path, pages: dict[str, str]) -> None:
        """The site's own JS and CSS minified, at addresses carrying their content hash,
        and ``pages`` linking them there."""
        try:
            renamed = assets.minify_and_hash(site, pages, cache=assets.cache_folder(self.build.project))
        except assets.AssetError as error:
            raise PluginError(str(error)) from None
        log.info(f"assets: {len(renamed)} own JS and CSS files minified, bundled and named by their content")

    def _content_security_policy(self, site: Path, pages: dict[str, str]) -> None:
        """One policy allowing every page's inline scripts by hash, in each page and ``_headers``."""
        policy = csp.site_policy(pages.values())
        for path, html in pages.items():
            pages[path] = csp.with_meta(html, policy)
        (site / "_headers").write_text(csp.headers_file(policy), encoding="utf-8")
        (site / "_nginx.conf").write_text(nginx.server_config(policy), encoding="utf-8")

    def _offline(self, site: Path, config: MkDocsConfig) -> None:
        """The web app manifest, the list of files the service worker caches, and
        the worker itself with the build id written in (``off`` when switched off
        or serving, which makes a worker left from before remove itself)."""
        build = offline.OFF
        if self.offline:
            (site / offline.WEB_MANIFEST).write_text(offline.web_manifest(
                name=config.site_name, description=config.site_description or "",
                site_url=config.site_url), encoding="utf-8")
        if self.offline and not self.serving:
            listed = offline.file_list(site)
            (site / offline.FILES_JSON).write_text(listed.to_json(), encoding="utf-8")
            build = listed.build
            log.info(f"offline: {len(listed.files)} files, {listed.size:,} bytes cached on the first visit")
        source = (Path(config.docs_dir) / offline.WORKER).read_text(encoding="utf-8")
        (site / offline.WORKER).write_text(offline.worker_script(source, build), encoding="utf-8")
