/*
 * The record page's reader: show one speaker's turns, and move between the words a
 * note explains and the note. The page works without it: the speaker links ask the
 * server for the filtered page, and the note links are plain anchors.
 */
(function () {
  "use strict";

  var transcript = document.getElementById("transcript");
  if (!transcript) return;
  var turns = Array.prototype.slice.call(transcript.querySelectorAll(".turn"));
  var status = transcript.querySelector(".speaker-status");
  var allTurnsOnPage = !new URLSearchParams(window.location.search).get("speaker");

  /* --- one speaker's turns ------------------------------------------------------ */

  function speakerName(slug) {
    var link = document.querySelector('.glance .speaker-filter[data-speaker="' + slug + '"]');
    return link ? link.textContent.trim() : slug;
  }

  function showSpeaker(slug) {
    var shown = 0;
    turns.forEach(function (turn) {
      var visible = !slug || turn.getAttribute("data-speaker") === slug;
      turn.hidden = !visible;
      if (visible) shown += 1;
    });
    document.querySelectorAll(".glance .speaker-filter").forEach(function (link) {
      var chosen = slug && link.getAttribute("data-speaker") === slug;
      if (chosen) link.setAttribute("aria-current", "true"); else link.removeAttribute("aria-current");
      link.closest("tr").classList.toggle("is-chosen", !!chosen);
    });
    status.textContent = "";
    if (slug) {
      var p = document.createElement("p");
      p.textContent = "Showing only " + speakerName(slug) + "’s " + shown + " turn" + (shown === 1 ? "" : "s") + " of " + turns.length + ". ";
      var all = document.createElement("a");
      all.href = window.location.pathname + "#transcript";
      all.className = "speaker-filter";
      all.setAttribute("data-speaker", "");
      all.textContent = "Show all speakers";
      p.appendChild(all);
      status.appendChild(p);
    }
    var url = new URL(window.location.href);
    if (slug) url.searchParams.set("speaker", slug); else url.searchParams.delete("speaker");
    url.hash = "transcript";
    window.history.replaceState(null, "", url);
  }

  // Only when the server sent every turn can the filter work here; otherwise follow the link.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".speaker-filter");
    if (!link || !allTurnsOnPage) return;
    event.preventDefault();
    showSpeaker(link.getAttribute("data-speaker"));
    var heading = document.getElementById("transcript-heading");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  });

  /* --- notes: from the words to the note and back ---------------------------------- */

  function marksFor(noteId) {
    return document.querySelectorAll('mark.quote[data-notes~="' + noteId + '"]');
  }

  function setActive(noteId, active) {
    var note = document.getElementById(noteId);
    if (note) note.classList.toggle("is-active", active);
    marksFor(noteId).forEach(function (mark) { mark.classList.toggle("is-active", active); });
  }

  var activeNote = null;
  function activate(noteId) {
    if (activeNote) setActive(activeNote, false);
    activeNote = noteId;
    if (noteId) setActive(noteId, true);
  }

  transcript.addEventListener("click", function (event) {
    var ref = event.target.closest(".note-ref");
    if (ref) {
      var noteId = ref.getAttribute("href").slice(1);
      var note = document.getElementById(noteId);
      if (!note) return;
      event.preventDefault();
      activate(noteId);
      window.history.replaceState(null, "", "#" + noteId);
      note.focus({ preventScroll: true });
      note.scrollIntoView({ block: "nearest", behavior: "smooth" });
      return;
    }
    var back = event.target.closest(".note-back a");
    if (back) {
      var target = document.getElementById(back.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      activate(null);
      target.focus();
    }
  });

  // Escape inside a note returns to the words it explains.
  transcript.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var note = event.target.closest(".note");
    if (!note) return;
    var ref = document.getElementById(note.id.replace(/^note-/, "ref-"));
    if (ref) { activate(null); ref.focus(); }
  });

  // Hovering or focusing a note shows the words it explains.
  ["mouseover", "focusin"].forEach(function (type) {
    transcript.addEventListener(type, function (event) {
      var note = event.target.closest(".note");
      if (note && note.id !== activeNote) activate(note.id);
    });
  });
})();
