"""Voice in a real headless Chromium (Debian's) with a fake microphone playing a committed
clip: the answer is spoken, its transcript appears in the box, is sent and graded (the
packaged Whisper base model, no LLM). And "Hear the question" with a stub of the browser's
speech synthesis: the question is spoken in its language when the toggle is on, and not
when it is off. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.serving import chromium, record_outside, served

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CLIP = REPO / "evals" / "data" / "voice" / "en_dropout.wav"

pytestmark = pytest.mark.slow

# window.speechSynthesis replaced before the page loads: what it is asked to say is kept
SPEECH_STUB = """
window._spoken = [];
const stub = {
  speak(u) { window._spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}); },
  cancel() {},
  getVoices() { return [{lang: "en-US", name: "stub en"}, {lang: "zh-CN", name: "stub zh"}]; },
};
Object.defineProperty(window, "speechSynthesis", {value: stub, configurable: true});
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, built_store_dir):
    with served(tmp_path_factory.mktemp("voice-app"), built_store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    # a microphone that plays the clip, allowed without asking
    with chromium(
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={CLIP}%noloop",
    ) as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.grant_permissions(["microphone"])
    page = context.new_page()
    record_outside(page)
    yield page
    context.close()


def _start(page, app_url: str, lang: str = "en", hear: bool = False, n: int = 2) -> None:
    page.goto(app_url, wait_until="load")
    if hear:
        page.check("#hear input[type=checkbox]")
    page.fill("#n input[type=number]", str(n))
    page.press("#n input[type=number]", "Enter")
    page.fill("#lang input", lang)  # the dropdown's filter: Enter takes the one left
    page.press("#lang input", "Enter")
    page.click("#start")
    page.wait_for_function(
        "n => document.querySelector('#chat').innerText.includes('1/' + n)",
        arg=n,
        timeout=120_000,
    )


def test_a_spoken_answer_is_transcribed_corrected_sent_and_graded(page, app_url):
    _start(page, app_url)
    page.click("#mic .record-button")
    page.wait_for_timeout(6_000)  # the clip lasts 4.6 s
    page.click("#mic .stop-button")
    page.wait_for_function(
        "() => /drop/i.test(document.querySelector('#answer textarea').value)", timeout=120_000
    )
    heard = page.input_value("#answer textarea")
    assert "training" in heard.lower() and "overfitting" in heard.lower(), heard
    page.wait_for_selector("#mic .record-button", state="visible")  # ready to record again
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-voice-transcript.png"), full_page=True)
    # corrected before sending: the box is the candidate's to edit
    page.fill("#answer textarea", heard + " At test time all units are kept.")
    page.click("#send")
    page.wait_for_selector("#score >> text=Last answer", timeout=300_000)
    assert "/10" in page.inner_text("#score")
    assert "At test time all units are kept." in page.inner_text("#chat")
    page.screenshot(path=str(ARTIFACTS / "ui-voice-graded.png"), full_page=True)
    assert page.outside == []


def test_hear_the_question_speaks_it_in_its_language_when_on(page, app_url):
    page.add_init_script(SPEECH_STUB)
    _start(page, app_url, n=3)  # the toggle is off: nothing spoken
    page.wait_for_timeout(1_000)
    assert page.evaluate("window._spoken") == []
    page.check("#hear input[type=checkbox]")  # on: the waiting question, at once
    page.wait_for_function("() => window._spoken.length === 1", timeout=30_000)
    spoken = page.evaluate("window._spoken")[0]
    assert spoken["lang"] == "en-US" and spoken["voice"] == "en-US"
    assert spoken["text"] and "**" not in spoken["text"]
    assert spoken["text"][:30] in page.inner_text("#chat")
    page.click("#skip")  # the next question is read as it comes
    page.wait_for_function("() => window._spoken.length === 2", timeout=120_000)
    second = page.evaluate("window._spoken")[1]
    assert second["text"] != spoken["text"] and second["text"][:30] in page.inner_text("#chat")
    page.uncheck("#hear input[type=checkbox]")  # off: the next question is not read
    page.click("#skip")
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('3/3')", timeout=120_000
    )
    page.wait_for_timeout(1_500)
    assert len(page.evaluate("window._spoken")) == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-voice-hear.png"), full_page=True)
    (ARTIFACTS / "ui-voice-spoken.json").write_text(
        json.dumps(page.evaluate("window._spoken"), ensure_ascii=False, indent=1)
    )
    assert page.outside == []


def test_a_chinese_question_is_spoken_with_a_chinese_voice(page, app_url):
    page.add_init_script(SPEECH_STUB)
    _start(page, app_url, lang="zh-Hans", hear=True)
    page.wait_for_function("() => window._spoken.length >= 1", timeout=30_000)
    spoken = page.evaluate("window._spoken")[-1]
    assert spoken["lang"] == "zh-CN" and spoken["voice"] == "zh-CN", spoken
