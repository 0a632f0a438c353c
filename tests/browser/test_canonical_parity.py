"""The canonical content and the signature, computed by Chromium as the quiz widget will: the
same bytes and the same hex string as Python's definition (generator/integrity/), over awkward
strings. The JavaScript below is the reference the widget's implementation must equal: sorted
keys at every level, JSON.stringify for the values, UTF-8, HMAC-SHA256 by Web Crypto (which a
page opened from file:// has; a page served over plain http from another host does not)."""

from __future__ import annotations

import pytest

from generator.integrity.canonical import canonical_bytes
from generator.integrity.signing import sign

pytestmark = pytest.mark.browser

CANONICAL_JS = """
const canonical = (value) => {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (value && typeof value === 'object') {
    return '{' + Object.keys(value).filter((k) => value[k] !== undefined).sort()
      .map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
  }
  return JSON.stringify(value);
};
const unsigned = (doc) => Object.fromEntries(Object.entries(doc)
  .filter(([k]) => k !== 'signature' && k !== 'page_score'));
const hex = (buffer) => [...new Uint8Array(buffer)]
  .map((b) => b.toString(16).padStart(2, '0')).join('');
const normalise = (code) => code.replace(/[\\s-]/g, '').toUpperCase()
  .replace(/O/g, '0').replace(/[IL]/g, '1');
async function sign(doc, code) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(normalise(code)),
    {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, enc.encode(canonical(unsigned(doc)))));
}
"""

AWKWARD = ['引号"和\\反斜杠', "tab\tnew\nline\r", "nul\x00 and \x1f and \x7f", "\u2028\u2029",
           "😀 emoji 👩‍👩‍👧", "汉字 全角　空格", "</script><!--", "\ud7ff\ue000\uffff", "é vs é",
           "", " ", "\u202e bidi"]


def document(text: str) -> dict:
    return {"format": "course-answers/2", "course": text, "quiz": "q",
            "quiz_version": "3f2a9b1c0d7e4a51", "learner": {"id": text or "x", "name": text},
            "attempt": 2, "seed": 4294967295, "started_at": "2026-11-27T09:12:03Z",
            "submitted_at": "2026-11-27T09:40:41+08:00",
            "answers": [{"question": "xq3k2m9xd4tp", "answer": [text, "b"]},
                        {"question": "b", "answer": None}, {"question": "c", "answer": False}],
            "page_score": 0.85}


@pytest.fixture(scope="module")
def blank(page, tmp_path_factory):
    html = tmp_path_factory.mktemp("canonical") / "index.html"
    html.write_text(f"<!doctype html><meta charset=utf-8><script>{CANONICAL_JS}</script>",
                    encoding="utf-8")
    page.goto(html.as_uri())  # file://: a secure context, as the offline bundle is
    assert page.evaluate("isSecureContext && typeof crypto.subtle === 'object'")
    return page


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
def test_the_browser_makes_the_same_bytes_and_signature(blank, text):
    doc = document(text)
    js = blank.evaluate("""async ([doc, code]) => ({
        bytes: [...new TextEncoder().encode(canonical(unsigned(doc)))],
        signature: await sign(doc, code)})""", [doc, "7kq2-m9xd t"])
    assert bytes(js["bytes"]) == canonical_bytes(doc)
    assert js["signature"] == sign(doc, "7KQ2-M9XD-T")
