import { h } from './dom.js';

// A destructive action that asks once more in place: the first click turns the button into "Confirm …", the
// second acts. No browser dialog (they block the page and screen readers announce them poorly).

export function confirmButton({ label, ariaLabel, confirmAriaLabel, onConfirm }) {
  const button = h('button', { type: 'button', class: 'button small danger', 'aria-label': ariaLabel }, label);
  button.addEventListener('click', () => {
    if (button.dataset.confirm) {
      void onConfirm();
      return;
    }
    button.dataset.confirm = 'yes';
    button.textContent = `Confirm ${label.toLowerCase()}`;
    button.setAttribute('aria-label', confirmAriaLabel);
  });
  return button;
}
