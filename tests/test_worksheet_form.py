"""Worksheet pages as pure functions (definition -> Markdown/HTML, no MkDocs),
and the plugin in real builds: pages exist, stay out of the nav, and a broken
definition stops the build with a readable line and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from checks import site
from workbook.set_aside import SetAside
from workbook.worksheet import catalogue, form, guide_sections, load_all, page, search, therapist
from workbook.worksheet.load import validate
from workbook.model import as_data, replace
from workbook.worksheet.schema import Therapist

DATA = Path(__file__).parent / "data" / "worksheets"
DOCS = site.ROOT / "docs"


@pytest.fixture(scope="module")
def every_field():
    (worksheet,) = [w for w in load_all(DATA, DOCS) if w.id == "every-field"]
    return worksheet


@pytest.fixture(scope="module")
def soup(every_field) -> BeautifulSoup:
    return BeautifulSoup(form.render_form(every_field), "html.parser")


def test_every_control_has_a_label(soup: BeautifulSoup) -> None:
    controls = soup.select("input, textarea, select")
    assert len(controls) == 20  # 3 text, 5 scale, 3 + 3 choices, 1 checkbox, 5 cells
    for control in controls:
        if control.get("aria-label"):
            continue
        label = soup.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), control


def test_groups_are_fieldsets_with_legends(soup: BeautifulSoup) -> None:
    for kind in ("scale", "single_choice", "multiple_choice", "rows"):
        wrapper = soup.select_one(f'[data-tw-type="{kind}"]')
        fieldset = wrapper.find("fieldset")
        assert fieldset is not None and fieldset.legend.get_text(strip=True), kind


def test_scale_is_a_radio_group_with_end_labels_in_the_names(soup: BeautifulSoup) -> None:
    radios = soup.select('[data-tw-field="feeling"] input[type=radio]')
    assert [r["value"] for r in radios] == ["1", "2", "3", "4", "5"]
    assert {r["name"] for r in radios} == {"feeling"}
    first = soup.find("label", attrs={"for": radios[0]["id"]}).get_text()
    last = soup.find("label", attrs={"for": radios[-1]["id"]}).get_text()
    assert first == "1 (Not at all)" and last == "5 (Completely)"


def test_help_text_is_tied_with_aria_describedby(soup: BeautifulSoup) -> None:
    control = soup.select_one("#tw-name")
    assert soup.select_one(f"#{control['aria-describedby']}").get_text() == "One line is enough."
    group = soup.select_one('[data-tw-field="promises"] fieldset')
    assert soup.select_one(f"#{group['aria-describedby']}").get_text() == "Add a row for each promise."


def test_rows_are_a_table_with_labelled_cells_and_buttons(soup: BeautifulSoup) -> None:
    rows = soup.select_one('[data-tw-field="promises"]')
    heads = [th.get_text(strip=True) for th in rows.select("thead th")]
    assert heads == ["What was promised", "By when", "Kept?", "What happened", "Talked about it", "Actions"]
    first = rows.select_one("[data-tw-rows-body] tr")
    assert first.select_one('[data-tw-col="what"]')["aria-label"] == "What was promised, row 1"
    assert first.select_one("button").get_text() == "Remove row 1"
    assert [o["value"] for o in first.select('[data-tw-col="result"] option')] == ["", "yes", "not-yet", "no"]
    assert len(rows.select(".tw-rows__blank tr")) == form.PRINT_BLANK_ROWS
    assert rows.select_one("[data-tw-add-row]").get_text() == "Add a row to Promises made this week"


def test_saved_status_is_announced_politely(soup: BeautifulSoup) -> None:
    status = soup.select_one("[data-tw-saved]")
    assert status["role"] == "status" and status["aria-live"] == "polite"


def test_ids_in_the_form_are_unique(soup: BeautifulSoup) -> None:
    ids = [el["id"] for el in soup.select("[id]") if not el.find_parent("template")]
    assert len(ids) == len(set(ids))


def test_client_definition_carries_what_the_script_needs(soup: BeautifulSoup, every_field) -> None:
    data = json.loads(soup.select_one("form")["data-tw-definition"])
    assert data == form.client_definition(every_field)
    assert data["id"] == "every-field" and data["version"] == 2
    assert data["fields"][0] == {"id": "name", "type": "short_text", "from": "old-name"}
    assert [c["id"] for c in data["fields"][-1]["columns"]] == ["what", "due", "result", "note", "talked"]


def test_text_from_a_definition_is_escaped() -> None:
    raw = {"id": "x", "title": "<b>T</b>", "summary": "S", "time": 1, "who": "together", "version": 1,
           "tags": ["rituals"], "supports": ["guides/activities.md#rituals"],
           "sections": [{"id": "s", "title": "<script>alert(1)</script>", "fields": [
               {"id": "f", "type": "single_choice", "label": 'Say "<img src=x onerror=alert(1)>"',
                "options": ["<i>a</i>", "b"]}]}]}
    html = form.render_form(validate(raw, "x.yml"))
    assert "<script>" not in html and "<img" not in html and "<i>a" not in html
    assert "&lt;script&gt;" in html


def test_scoring_section_links_each_area_to_its_guide() -> None:
    raw = yaml.safe_load((DATA / "self-check-sample.yml").read_text())
    worksheet = validate(raw, "self-check-sample.yml", guides=guide_sections(DOCS))
    html = form.render_form(worksheet, url=lambda t: "LINK:" + t)
    score = BeautifulSoup(html, "html.parser").select_one("[data-tw-score]")
    areas = [li["data-tw-area"] for li in score.select("[data-tw-area]")]
    assert areas == ["communication", "reliability", "repair"]
    link = score.select_one('[data-tw-suggest="reliability"] a')
    assert link["href"] == "LINK:guides/establishing-trust.md#reliability"
    assert json.loads(BeautifulSoup(html, "html.parser").form["data-tw-definition"])["scale"] == [1, 5]


def test_page_markdown_has_front_matter_meta_and_guide_links(every_field) -> None:
    md = page.page_markdown(every_field, guide_sections(DOCS))
    front = yaml.safe_load(md.split("---\n")[1])
    assert front == {"title": "Every field", "description": every_field.summary,
                     "tags": ["communication", "reliability"], "worksheet": "every-field"}
    assert "About 5 minutes · Each partner" in md
    assert "[Establishing trust: Be reliable and consistent](../guides/establishing-trust.md#reliability)" in md
    assert "\n\n" not in md[md.index("<form"):], "a blank line would end the raw HTML block"


@pytest.mark.parametrize(("target", "here", "directory", "expected"), [
    ("guides/x.md#a", "worksheets/w.md", True, "../../guides/x/#a"),
    ("guides/x.md#a", "worksheets/w.md", False, "../guides/x.html#a"),
    ("worksheets/w.md", "worksheets/index.md", True, "w/"),
    ("worksheets/w.md", "worksheets/index.md", False, "w.html"),
])
def test_relative_links(target: str, here: str, directory: bool, expected: str) -> None:
    assert page.relative_link(target, here, use_directory_urls=directory) == expected


def test_cards_show_title_summary_time_who_tags_and_a_status_slot(every_field) -> None:
    html = catalogue.cards([every_field], lambda w: f"{w.id}/")
    card = BeautifulSoup(html, "html.parser").select_one("li.tw-card")
    assert card.h2.a["href"] == "every-field/" and card.h2.get_text() == "Every field"
    text = card.get_text(" ")
    assert "About 5 minutes" in text and "Each partner" in text and "communication, reliability" in text
    status = card.select_one("[data-tw-status]")
    assert status["data-tw-status"] == "every-field" and status.has_attr("hidden")
    assert catalogue.cards([], str) == '<p class="tw-cards-empty">No worksheets yet.</p>'


def test_search_is_shown_each_section_and_question_but_not_the_controls(every_field) -> None:
    shown = BeautifulSoup(search.stand_in(every_field), "html.parser")
    headings = [(h["id"], h.get_text()) for h in shown.select("h2")]
    assert headings == [(s.id, s.title) for s in every_field.sections]
    text = shown.get_text(" ")
    for question in every_field.fields():
        assert question.label in text
        assert not question.help or question.help in text
    assert "Some text fields." in text  # a section intro, as Markdown
    assert "What was promised" in text and "Talked about it" in text  # a table's columns
    for control in ("Remove", "Add a row to", "Choose", "Not at all", "Family and friends", "No longer on"):
        assert control not in text


def test_the_stand_in_goes_in_and_the_form_comes_back_whole(every_field) -> None:
    the_form = form.render_form(every_field)
    page_html = f"<h1>Every field</h1>\n{the_form}\n<p>After</p>"
    indexed = search.index_with(page_html, the_form, every_field)
    assert "<form" not in indexed and search.stand_in(every_field) in indexed
    assert search.without_stand_in(indexed, the_form) == page_html
    with pytest.raises(search.StandInLost):
        search.without_stand_in(page_html.replace(the_form, "<p>rewritten</p>"), the_form)


# -- the plugin, in real builds (the fixture copy: tests/fixture_project.py) -------------------------------------------------

def test_each_worksheet_gets_a_page_out_of_the_nav(fixture_site: Path) -> None:
    html = (fixture_site / "worksheets/every-field/index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("form.tw-worksheet[data-tw-worksheet=every-field]") is not None
    assert soup.select_one("h1").get_text(strip=True).startswith("Every field")
    home = BeautifulSoup((fixture_site / "index.html").read_text(), "html.parser")
    assert not home.select('nav a[href*="every-field"]')


def test_the_index_lists_every_worksheet_as_a_card(fixture_site: Path) -> None:
    soup = BeautifulSoup((fixture_site / "worksheets/index.html").read_text(), "html.parser")
    links = {card.h2.a["href"] for card in soup.select("li.tw-card")}
    assert {"every-field/", "self-check-sample/"} <= links
    assert "workbook:worksheets" not in str(soup)


def test_search_indexes_a_worksheets_questions_and_the_page_keeps_its_form(fixture_site: Path) -> None:
    docs = json.loads((fixture_site / "search/search_index.json").read_text())["docs"]
    entries = {d["location"]: d for d in docs if d["location"].startswith("worksheets/every-field/")}
    assert entries["worksheets/every-field/#words"]["text"].startswith("<p>Some text fields.</p> <p>A short answer</p>")
    assert any("How sure do you feel?" in d["text"] for d in entries.values())
    assert not any("Remove" in d["text"] or "Clear answers" in d["text"] for d in entries.values())
    html = (fixture_site / "worksheets/every-field/index.html").read_text()
    assert html.count('<form class="tw-worksheet"') == 1 and "workbook:search" not in html


def test_the_tags_page_lists_worksheets(fixture_site: Path) -> None:
    tags = (fixture_site / "tags/index.html").read_text()
    assert "worksheets/every-field/" in tags


def test_a_broken_definition_fails_the_build_readably(tmp_path: Path) -> None:
    project = site.copy_project(tmp_path / "project")
    text = (DATA / "every-field.yml").read_text().replace("type: long_text\n", "type: textarea\n", 1)
    (project / "worksheets/every-field.yml").write_text(text)
    (project / "worksheets/second.yml").write_text("id: second\ntitle: [oops\n")
    result = site.build(tmp_path / "out", project=project, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("worksheets/every-field.yml: sections[0].fields[1].type: is 'textarea', which is not allowed: "
            "use one of 'short_text'") in result.stderr
    assert "worksheets/second.yml: line 3, column 1:" in result.stderr


NOTE = Therapist(purpose="Helps a couple <see> promises.", use_when="Early on.",
                 avoid_when="Where there is abuse, threats or coercive control.",
                 time="About 10 minutes; 10 minutes to debrief.",
                 debrief=["What did you notice?", "What was hard & why?"])


def test_the_therapist_note_is_a_collapsed_box_before_the_form(every_field) -> None:
    md = page.page_markdown(replace(every_field, therapist=NOTE), guide_sections(DOCS))
    front = yaml.safe_load(md.split("---\n")[1])
    assert front["therapist"] == as_data(NOTE)  # for the For therapists directory
    body = md.split("---\n", 2)[2]
    start = body.index('<details class="tw-therapist-note">')
    assert body.index("Goes with:") < start < body.index("<form")
    box_md = body[start:body.index("</details>", start) + len("</details>")]
    assert "\n\n" not in box_md, "a blank line would end the raw HTML block"
    box = BeautifulSoup(box_md, "html.parser").details
    assert not box.has_attr("open"), "collapsed until a therapist opens it"
    assert box.summary.get_text() == "For therapists"
    terms = [dt.get_text() for dt in box.select("dt")]
    assert terms == ["What it is for", "Use it when", "Not when", "Time", "To ask at the next session"]
    assert [dd.get_text() for dd in box.select("dd")][:4] == [
        NOTE.purpose, NOTE.use_when, NOTE.avoid_when, NOTE.time]
    assert [li.get_text() for li in box.select("dd li")] == NOTE.debrief
    assert "&lt;see&gt;" in box_md and "&amp; why" in box_md


def test_no_therapist_box_without_a_note(every_field) -> None:
    assert every_field.therapist is None
    md = page.page_markdown(every_field, guide_sections(DOCS))
    assert "tw-therapist-note" not in md and "For therapists" not in md
    assert therapist.box_html(None) == ""
def test_partner_options_are_marked_for_the_names_set_on_the_device() -> None:
    worksheet = validate({
        "id": "partners", "title": "Partners", "summary": "Who does what.", "time": 5,
        "who": "together", "version": 1, "tags": ["boundaries"],
        "supports": ["guides/establishing-trust.md#set-boundaries"],
        "sections": [{"id": "s", "title": "S", "fields": [
            {"id": "whose", "type": "single_choice", "label": "Whose?",
             "options": [{"id": "partner-a", "label": "Partner A"}, {"id": "partner-b", "label": "Partner B"},
                         "Both of us"]},
            {"id": "list", "type": "rows", "label": "List", "columns": [
                {"id": "who", "type": "single_choice", "label": "Who",
                 "options": [{"id": "partner-a", "label": "Partner A"}, {"id": "partner-b", "label": "Partner B"}]},
                {"id": "what", "type": "short_text", "label": "What"}]}]}],
    }, "worksheets/partners.yml", guides=guide_sections(DOCS))
    soup = BeautifulSoup(form.render_form(worksheet), "html.parser")
    labels = soup.select('[data-tw-field="whose"] label')
    assert [(x.get("data-tw-partner-name"), x.get_text()) for x in labels] == [
        ("a", "Partner A"), ("b", "Partner B"), (None, "Both of us")]
    for row in (soup.select_one("[data-tw-rows-body] tr"),
                BeautifulSoup(soup.select_one("template").decode_contents(), "html.parser")):
        options = row.select('[data-tw-col="who"] option')
        assert [(o.get("data-tw-partner-name"), o.get_text()) for o in options] == [
            (None, "Choose"), ("a", "Partner A"), ("b", "Partner B")]
def test_setting_the_form_aside_renders_the_same_page(every_field) -> None:
    import markdown  # noqa: PLC0415

    extensions = ["attr_list", "md_in_html", "tables", "abbr", "admonition"]
    md = page.page_markdown(every_field, guide_sections(DOCS))
    aside = SetAside()
    rest, form = page.set_form_aside(md, aside)
    assert form.startswith("<form ") and form.endswith("</form>") and aside.blocks == [form]
    assert "<form" not in rest
    assert aside.put_back(markdown.markdown(rest, extensions=extensions)) == \
        markdown.markdown(md, extensions=extensions)
    assert page.set_form_aside("# No form here\n", SetAside()) == ("# No form here\n", "")


def test_blocks_set_aside_come_back_in_their_own_places() -> None:
    aside = SetAside()
    first, second = "<ul><li>one</li></ul>", '<div data-x="&quot;">two</div>'
    html = f"<p>a</p>\n{aside.keep(first)}\n<p>b</p>\n{aside.keep(second)}"
    assert "<ul>" not in html and "two" not in html
    assert aside.put_back(html) == f"<p>a</p>\n{first}\n<p>b</p>\n{second}"
