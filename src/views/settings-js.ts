// The settings page's optional script: each colour's picker and its #rrggbb field show the same colour as
// either is used. Without it both still work: the server takes whichever was changed.

export const settingsJs = `
(() => {
  document.querySelectorAll('input[type=color][data-hex]').forEach((picker) => {
    const hex = document.getElementById(picker.dataset.hex);
    if (!hex) return;
    picker.addEventListener('input', () => { hex.value = picker.value; });
    hex.addEventListener('input', () => {
      if (/^#[0-9a-f]{6}$/i.test(hex.value.trim())) picker.value = hex.value.trim().toLowerCase();
    });
  });
})();
`;
