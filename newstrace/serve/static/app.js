/* newstrace app: bring a cited passage into view; say that an upload is being analysed */
(function () {
  "use strict";
  var hl = document.getElementById("hl");
  if (hl) { hl.scrollIntoView({ block: "center" }); }
  var form = document.querySelector(".upload form");
  if (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Adding and re-analysing…"; }
      var note = form.querySelector(".busy");
      if (note) { note.hidden = false; }
    });
  }
})();
