/*
 * Names what the editor shows without a name for assistive technology: Draftail's rich text
 * boxes (wagtail/wagtail#14205) and the tag field's typing box after their field ("Body [vi]
 * Paragraph", "Tags"), and a chooser's modal dialog after its title. StreamField adds blocks
 * and choosers open modals as the person works, so each is named as it appears.
 */
(() => {
  const NAMELESS = [
    '[role=textbox][contenteditable=true]',
    'input.ui-autocomplete-input',
  ].map((box) => `${box}:not([aria-label]):not([aria-labelledby])`).join(', ');

  const NAMELESS_DIALOG = '.modal[role=dialog]:not([aria-label]):not([aria-labelledby])';

  let made = 0;

  // The element's id, given one first if it has none.
  function idOf(element, prefix) {
    if (!element.id) {
      made += 1;
      element.id = `${prefix}-${made}`;
    }
    return element.id;
  }

  // The ids of what names ``box``: its field's heading, each block's type on the way down,
  // and the box's own label inside a block of several fields.
  function labelIds(box) {
    const ids = [];
    const label = box.closest('[data-field-wrapper]')?.querySelector(':scope > label');
    if (label) ids.push(idOf(label, 'newsroom-field-label'));
    for (
      let panel = box.closest('section.w-panel');
      panel;
      panel = panel.parentElement.closest('section.w-panel')
    ) {
      const heading = panel.querySelector(':scope > .w-panel__header [data-panel-heading]');
      if (heading) {
        const blockType = heading.querySelector('.c-sf-block__type');
        if (!blockType) {
          ids.unshift(heading.id);
          break;
        }
        ids.unshift(idOf(blockType, 'newsroom-block-type'));
      }
    }
    return ids.filter(Boolean);
  }

  function nameAll() {
    document.querySelectorAll(NAMELESS).forEach((box) => {
      const ids = labelIds(box);
      if (ids.length) box.setAttribute('aria-labelledby', ids.join(' '));
    });
    document.querySelectorAll(NAMELESS_DIALOG).forEach((dialog) => {
      const title = dialog.querySelector('h1');
      if (title) dialog.setAttribute('aria-labelledby', idOf(title, 'newsroom-dialog-title'));
    });
  }

  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      nameAll();
    });
  }).observe(document.body, { childList: true, subtree: true });
  nameAll();
})();
