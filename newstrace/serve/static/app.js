/* article page: bring the cited passage into view */
(function () {
  "use strict";
  var hl = document.getElementById("hl");
  if (hl) { hl.scrollIntoView({ block: "center" }); }
})();
