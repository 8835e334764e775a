/*
 * The chooser of a story's topics, regions and units (content/widgets.py): the chosen items
 * by name, each removable, and "Add" opening Wagtail's snippet chooser modal in its
 * multiple-selection mode. The hidden multiple select stays the field's value, so the form
 * posts what the list shows, and Wagtail's autosave and unsaved-changes warning see each
 * change as a change of that select.
 */
(() => {
  const { Controller } = window.StimulusModule;

  class MultipleChooserController extends Controller {
    static targets = ['fallback', 'chooser', 'list', 'add', 'item'];

    static values = { modal: Object };

    connect() {
      this.select = this.fallbackTarget.querySelector('select');
      this.fallbackTarget.hidden = true;
      this.chooserTarget.hidden = false;
    }

    choose() {
      // Wagtail's own chooser, unpacked once: its openModal is what MultipleChooserPanel calls.
      this.modal = this.modal || window.telepath.unpack(this.modalValue);
      this.modal.openModal(
        (results) => {
          results.forEach((result) => this.add(String(result.id), result.string));
          this.addTarget.focus();
        },
        { multiple: true },
      );
    }

    add(value, name) {
      let option = this.optionOf(value);
      if (!option) {
        // Created in the modal after the editor opened: not among the select's options yet.
        option = new Option(name, value);
        this.select.add(option);
      }
      if (option.selected) return;
      option.selected = true;
      const item = this.itemTarget.content.firstElementChild.cloneNode(true);
      item.dataset.value = value;
      item.querySelector('.newsroom-chooser__name').textContent = name;
      const remove = item.querySelector('button');
      remove.setAttribute('aria-label', remove.getAttribute('aria-label').replace('__ITEM__', name));
      this.listTarget.append(item);
      this.changed();
    }

    remove(event) {
      const item = event.currentTarget.closest('li');
      const option = this.optionOf(item.dataset.value);
      if (option) option.selected = false;
      // Focus stays in the list, on the next item's button, or goes to "Add" once it is empty.
      const neighbour = item.nextElementSibling || item.previousElementSibling;
      (neighbour ? neighbour.querySelector('button') : this.addTarget).focus();
      item.remove();
      this.changed();
    }

    optionOf(value) {
      return [...this.select.options].find((option) => option.value === value);
    }

    changed() {
      this.select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  window.wagtail.app.register('newsroom-multiple-chooser', MultipleChooserController);
})();
