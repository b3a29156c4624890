/* Choosing a note's words by selecting them in the turn's text.
 *
 * Fills the quote (TextQuoteSelector "exact"), a little context before and after
 * it (prefix, suffix) and its character offsets (start, end). The server checks
 * all of it again; this only saves the editor from typing.
 */
"use strict";
(function () {
  const CONTEXT_CHARS = 32;

  function field(name) { return document.getElementById("id_" + name); }

  function offsetWithin(panel, node, offset) {
    const range = document.createRange();
    range.setStart(panel, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function showText(panel, text, start, end) {
    panel.textContent = "";
    if (start !== null && end !== null && end > start && end <= text.length) {
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      panel.append(text.slice(0, start), mark, text.slice(end));
    } else {
      panel.append(text);
    }
  }

  function setStatus(message) {
    const status = document.getElementById("selection-status");
    if (status) status.textContent = message;
  }

  function fill(values) {
    for (const [name, value] of Object.entries(values)) {
      const input = field(name);
      if (input) input.value = value;
    }
  }

  function takeSelection(panel) {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!panel.contains(range.startContainer) || !panel.contains(range.endContainer)) return;
    const text = panel.textContent;
    const start = offsetWithin(panel, range.startContainer, range.startOffset);
    const end = offsetWithin(panel, range.endContainer, range.endOffset);
    if (end <= start) return;
    const exact = text.slice(start, end);
    if (!exact.trim()) return;
    fill({
      quote: exact,
      prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
      suffix: text.slice(end, end + CONTEXT_CHARS),
      start: start,
      end: end,
    });
    setStatus("Selected “" + exact + "” (characters " + start + "–" + end + ").");
  }

  function loadTurn(panel, turnId) {
    const url = panel.closest("[data-turn-text-url]").dataset.turnTextUrl.replace(/\/0\/$/, "/" + encodeURIComponent(turnId) + "/");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((turn) => {
        showText(panel, turn.text, null, null);
        document.getElementById("turn-source-title").textContent = turn.label;
        fill({ quote: "", prefix: "", suffix: "", start: "", end: "" });
        setStatus("");
      })
      .catch(() => setStatus("No turn with that number."));
  }

  document.addEventListener("DOMContentLoaded", function () {
    const panel = document.getElementById("turn-source");
    if (!panel) return;
    const text = panel.textContent;
    const start = parseInt(field("start") && field("start").value, 10);
    const end = parseInt(field("end") && field("end").value, 10);
    if (text) showText(panel, text, Number.isNaN(start) ? null : start, Number.isNaN(end) ? null : end);

    panel.addEventListener("mouseup", () => takeSelection(panel));
    panel.addEventListener("keyup", () => takeSelection(panel));

    // Typing a quote by hand: the server finds it, so drop offsets that no longer apply.
    const quote = field("quote");
    if (quote) {
      quote.addEventListener("input", () => {
        fill({ start: "", end: "", prefix: "", suffix: "" });
        setStatus("");
      });
    }

    const turn = field("turn");
    if (turn) {
      let shown = turn.value;
      const changed = () => {
        if (turn.value && turn.value !== shown) {
          shown = turn.value;
          loadTurn(panel, turn.value);
        }
      };
      turn.addEventListener("change", changed);
      turn.addEventListener("input", changed);
      if (window.django && window.django.jQuery) window.django.jQuery(turn).on("change", changed);
    }
  });
})();
