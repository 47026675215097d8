// Page behaviours declared by data attributes: the Content-Security-Policy forbids inline scripts and handlers.
"use strict";

// <form data-confirm="Question ?">: ask before submitting.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// <input data-enter-does-not-submit>: Enter in a search-as-you-type field must not submit the whole form.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.closest && event.target.closest("[data-enter-does-not-submit]")) {
    event.preventDefault();
  }
});
