// Menus and filters that fold behind a button on small screens are simply open on wide ones:
// each <details data-open-from="48rem"> is open from that width up, and follows the window
// when it is resized. Without this script they stay folded, and their buttons still work.
"use strict";

for (const details of document.querySelectorAll("details[data-open-from]")) {
  const wide = window.matchMedia(`(min-width: ${details.dataset.openFrom})`);
  const follow = () => {
    details.open = wide.matches;
  };
  follow();
  wide.addEventListener("change", follow);
}
