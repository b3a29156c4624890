// Copy buttons for citations. Without JavaScript the buttons stay hidden and the
// citation text remains selectable; with it, one click puts the text on the clipboard.
(function () {
  "use strict";
  var status = document.querySelector(".copy-status");

  function announce(message) {
    if (status) status.textContent = message;
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    var text = target.textContent.replace(/\s+/g, " ").trim();
    var done = function () {
      button.textContent = "Copied";
      announce("Citation copied to the clipboard.");
      window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
    };
    var fallback = function () {
      selectText(target);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      if (copied) done(); else announce("Press Ctrl+C (or Cmd+C) to copy the selected citation.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.querySelectorAll("button.copy-citation").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
