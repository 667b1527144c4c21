// Turns a long list marked data-autocomplete (the 270 agencies) into a search box, with
// GOV.UK's accessible-autocomplete. Without JavaScript the list stays a plain select.
(function () {
  "use strict";
  if (!window.accessibleAutocomplete) {
    return;
  }
  document.querySelectorAll("select[data-autocomplete]").forEach(function (select) {
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      dropdownArrow: function () { return ""; },
      tNoResults: function () { return "No agency matches"; }
    });
  });
})();
