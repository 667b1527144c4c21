// Shows the "Print this page" button (it needs JavaScript) and prints when it is pressed.
document.querySelectorAll("[data-gp-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
