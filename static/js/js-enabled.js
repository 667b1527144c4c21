// Marks the page as having JavaScript, before it is drawn, so GOV.UK components can enhance it.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
