// "Copy" buttons: shown only when JavaScript can copy; without it the text is there to select.
(function () {
  "use strict";
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    return;
  }
  document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) {
          status.textContent = "Address copied";
        }
      }, function () {
        if (status) {
          status.textContent = "Could not copy: select the address and copy it instead";
        }
      });
    });
  });
})();
