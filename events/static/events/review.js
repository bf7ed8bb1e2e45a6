// The review screen: rejecting needs a reason. Reject (click or Alt+R) with an empty note puts the
// cursor in the note instead of sending the form; Alt+R again, once it is written, rejects.
// Without JavaScript the server refuses the rejection and says why, so this only saves a round trip.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const reject = document.querySelector("#review-buttons input[name=_reject]");
  const note = document.getElementById("id_review_note");
  if (!reject || !note) {
    return;
  }
  const hint = document.createElement("p");
  hint.className = "review-hint";
  hint.id = "review-reason-hint";
  hint.setAttribute("role", "status");
  reject.closest(".review-decision").insertBefore(hint, note.nextSibling);
  reject.addEventListener("click", (event) => {
    if (note.value.trim()) {
      return;
    }
    event.preventDefault();
    hint.textContent = "Write the reason for rejecting, then Reject (Alt+R) again.";
    note.setAttribute("aria-invalid", "true");
    note.setAttribute("aria-describedby", hint.id);
    note.focus();
  });
});
