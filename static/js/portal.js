// Starts GOV.UK Frontend components and warns before an idle session ends.
// The server ends idle sessions by itself; this only gives the warning and a way to stay.
(function () {
  "use strict";
  if (window.GOVUKFrontend && window.GOVUKFrontend.initAll) {
    window.GOVUKFrontend.initAll();
  }

  // Conditional reveals: a radio with data-reveals shows its follow-up question only while it
  // is chosen. (GOV.UK Frontend's own reveal marks radios aria-expanded, which ARIA does not
  // allow on a radio.) Without JavaScript every follow-up question stays shown.
  var revealers = document.querySelectorAll("input[type=radio][data-reveals]");
  function syncReveals() {
    revealers.forEach(function (input) {
      var target = document.getElementById(input.getAttribute("data-reveals"));
      if (target) {
        target.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
      }
    });
  }
  if (revealers.length) {
    document.addEventListener("change", function (event) {
      if (event.target.type === "radio") {
        syncReveals();
      }
    });
    window.addEventListener("pageshow", syncReveals);
    syncReveals();
  }

  var body = document.body;
  var timeout = parseInt(body.getAttribute("data-session-timeout"), 10);
  var warning = parseInt(body.getAttribute("data-session-warning"), 10);
  var dialog = document.getElementById("session-timeout-dialog");
  if (!timeout || !dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var warnTimer = null;
  var endTimer = null;

  function signOutNow() {
    window.location.href = body.getAttribute("data-sign-in-url");
  }

  function start() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(function () {
      if (!dialog.open) {
        dialog.showModal();
        document.getElementById("session-stay-signed-in").focus();
      }
    }, Math.max(timeout - warning, 0) * 1000);
    endTimer = window.setTimeout(signOutNow, timeout * 1000);
  }

  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.ok) {
        dialog.close();
        start();
      } else {
        signOutNow();
      }
    }, signOutNow);
  });

  start();
})();
