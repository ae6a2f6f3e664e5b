"""What the app looks like, in Debian's Chromium at a laptop's width (1280x800) and a
phone's (390x844): maths and bold in the chat, the score panel (verdict marks drawn by
CSS, evidence cut between words, the session's language and script), a follow-up's score,
resuming after a reload, the History plot of a single day, and the transcript following
its session. Screenshots go to test-artifacts/render-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interviewer.corpus.lang import script_counts, to_traditional
from interviewer.session import Interview, SessionSettings
from tests.serving import chromium, record_outside, served
from tests.ui_sessions import USER, answered_session, chinese_item_with_a_follow_up, kit_for

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
WIDTHS = {"laptop": (1280, 800), "phone": (390, 844)}
DROPOUT = "What is dropout?"
LONG = (  # one sentence longer than the panel's quote, so the quote is cut
    "Dropout is a regularization technique in which, during training, each neuron is "
    "randomly dropped with some probability, its output set to zero, which prevents the "
    "co-adaptation of units and therefore reduces overfitting considerably in practice."
)
MATHS = (
    "With $p > 0$ the penalty $L^2$ is added to the loss $J(\\theta;X,y)$, "
    "and **bold** stays bold; **理解范数：**平方范数也是。"
)


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("render")


@pytest.fixture(scope="module")
def app_url(app_dir, built_store_dir):
    with served(app_dir, built_store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def kit(app_dir, app_url, embedder):
    """The served app's store and history, used from this process to prepare sessions."""
    return kit_for(app_dir, embedder)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(params=list(WIDTHS))
def page(request, browser):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.width_name = request.param
    record_outside(page)
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"render-{name}-{page.width_name}.png"), full_page=True)


def _settled(page, selector: str = "#chat") -> None:
    """SELECTOR's text unchanged for a second (a reply streams; Gradio drops a click on a
    button whose event is still running)."""
    page.wait_for_function(
        """s => {
        const t = document.querySelector(s).innerText, now = Date.now();
        if (window._last !== t) { window._last = t; window._since = now; }
        return now - window._since > 1000; }""",
        arg=selector,
        polling=200,
        timeout=120_000,
    )


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def _resume_offered(page, app_url: str, expect: str, name: str) -> None:
    """Load the app, see the unfinished session offered, resume it with one click."""
    page.goto(app_url, wait_until="load")
    offer = page.locator("#resume-offer")
    offer.wait_for(state="visible", timeout=30_000)
    assert expect in offer.inner_text(), offer.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    offer.screenshot(path=str(ARTIFACTS / f"render-offer-{name}-{page.width_name}.png"))
    page.click("#resume-offer-btn")
    offer.wait_for(state="hidden", timeout=30_000)
    page.wait_for_selector("#score li", timeout=60_000)
    _settled(page, "#score")


def _no_simplified(text: str) -> None:
    _cjk, trad, simp, _latin = script_counts(text)
    assert simp == 0 and trad > 0, text


def test_maths_and_bold_render_in_the_chat(page, app_url):
    page.goto(app_url, wait_until="load")
    welcome = page.locator("#chat [data-testid=bot]").first
    text = welcome.inner_text()
    assert "Settings" in text and not re.search(r"\b(right|left|below|above)\b", text), text
    fits = welcome.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert fits and _box(page, "#chat")["width"] <= WIDTHS[page.width_name][0]
    # the five buttons in one row, inside the screen
    tops = {round(_box(page, f"#{b}")["y"]) for b in ("send", "hint", "skip", "repeat", "end")}
    assert max(tops) - min(tops) <= 2, tops
    assert _box(page, "#end")["x"] + _box(page, "#end")["width"] <= WIDTHS[page.width_name][0]

    page.fill("#answer textarea", MATHS)
    page.click("#send")  # a session starts; then the answer
    page.wait_for_selector("#chat [data-testid=bot] >> text=/1\\/5/", timeout=60_000)
    _settled(page)
    page.fill("#answer textarea", MATHS)
    page.click("#send")
    page.wait_for_selector("#score li", timeout=120_000)
    _settled(page)
    mine = page.locator("#chat [data-testid=user]").last
    assert mine.locator(".katex").count() == 3  # three inline formulas …
    assert mine.locator(".katex-display").count() == 0  # … kept in the line
    shown = mine.inner_text()
    assert "$" not in shown and "**" not in shown, shown
    bold = mine.locator("strong").all_inner_texts()
    assert "bold" in bold and "理解范数：" in bold, bold
    _shot(page, "chat")
    mine.scroll_into_view_if_needed()
    mine.screenshot(path=str(ARTIFACTS / f"render-chat-answer-{page.width_name}.png"))
    assert page.outside == []


def test_the_score_panel_reads_at_each_width(page, app_url, kit):
    item = next(it for it in kit.library.items if it.question == DROPOUT)
    settings = SessionSettings(lang="en", questions=2, follow_ups=0, difficulty="hard")
    answered_session(kit, item.id, settings, LONG)
    _resume_offered(page, app_url, "English · 1 of 2 answered", "en")
    # its settings came back with it
    assert page.input_value("#lang input") == "en"
    assert page.input_value("#n input[type=number]") == "2"
    assert page.input_value("#follow-ups input[type=number]") == "0"
    assert page.locator("#difficulty input[value=hard]").is_checked()

    panel = page.locator("#score")
    assert "Last answer" in panel.inner_text() and "✅" not in panel.inner_text()
    marks = panel.locator(".verdict")
    assert marks.count() >= 2
    for i in range(marks.count()):
        mark = marks.nth(i)
        assert mark.inner_text().strip() in {"covered", "partial", "missing", "wrong"}
        shape = mark.evaluate(
            """e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e),
                b = getComputedStyle(e, '::before');
            return {w: r.width, h: r.height, rects: e.getClientRects().length,
                    font: parseFloat(s.fontSize), mark: parseFloat(b.width)}; }"""
        )
        # one line, wider than tall (not one letter per line), with its CSS-drawn mark
        assert shape["rects"] == 1 and shape["h"] < 2.2 * shape["font"], shape
        assert shape["w"] > 2 * shape["h"] and shape["mark"] > 0, shape
    quotes = panel.locator(".evidence").all_inner_texts()
    assert quotes, panel.inner_text()
    for quote in quotes:
        quote = quote.strip().strip("“”")
        if quote.endswith("…"):  # cut: at a word's end, never inside one
            kept = quote[:-1]
            assert LONG.startswith(kept) and not LONG[len(kept)].isalnum(), quote
    _shot(page, "score")
    assert page.outside == []


def test_a_zh_hant_session_resumes_in_its_script_and_scores_a_follow_up(page, app_url, kit):
    item, rubric, answer = chinese_item_with_a_follow_up(kit)
    settings = SessionSettings(lang="zh-Hant", questions=2, follow_ups=1)
    sid = answered_session(kit, item.id, settings, answer)
    _resume_offered(page, app_url, "繁體中文 · 1 of 2 answered", "zh-Hant")
    assert page.input_value("#lang input") == "zh-Hant"

    panel = page.locator("#score")
    labels = {to_traditional(w) for w in ("答到", "部分", "缺少", "错误")}
    assert set(panel.locator(".verdict").all_inner_texts()) <= labels
    claims = panel.locator("li").evaluate_all(
        "ls => ls.map(l => { const c = l.cloneNode(true);"
        " c.querySelectorAll('.evidence, .verdict').forEach(e => e.remove());"
        " return c.innerText; }).join('\\n')"
    )
    _no_simplified(claims)  # the key points in traditional characters
    _no_simplified(page.locator("#chat [data-testid=bot]").last.inner_text())  # the follow-up

    point_id = kit.history.session(sid).state["follow_point"]
    point = next(p for p in rubric.points if p.id == point_id)
    page.fill("#answer textarea", to_traditional(point.zh[0]))
    page.click("#send")
    page.wait_for_selector("#score >> text=追問", timeout=120_000)
    _settled(page)
    text = panel.inner_text()
    # what was scored: the follow-up's one point, then the question it followed
    assert text.index("上一個回答（追問）") < text.index("第 1 題"), text
    above = text[: text.index("第 1 題")]
    assert len(panel.locator("li").all()) == 1 + len(rubric.points)
    _no_simplified(above)
    _shot(page, "follow-up")
    assert page.outside == []


def test_history_shows_one_day_and_follows_the_picked_session(page, app_url, kit):
    item = next(it for it in kit.library.items if it.question == DROPOUT)
    settings = SessionSettings(lang="en", questions=3, follow_ups=0)
    sid = answered_session(kit, item.id, settings, LONG)
    page.goto(app_url, wait_until="load")
    page.get_by_role("tab", name="History").click()
    page.wait_for_function(
        "s => document.querySelector('#transcript').innerText.includes(s)",
        arg=f"Interview {sid}",
        timeout=60_000,
    )
    # every practised day is a point (a line of one day draws nothing)
    page.wait_for_selector("#plot g.mark-symbol path", timeout=30_000)

    with Interview.resume(kit, sid, USER) as iv:  # the session goes on elsewhere
        for _ in iv.reply("skip"):
            pass
    page.get_by_role("tab", name="Interview").click()
    page.get_by_role("tab", name="History").click()
    page.wait_for_function(
        "() => document.querySelector('#transcript').innerText.includes('Skipped (scored 0)')",
        timeout=60_000,
    )
    _shot(page, "history")
    assert page.outside == []
