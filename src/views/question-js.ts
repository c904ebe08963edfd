// The script of a page that asks before it acts (Publish now?, Unpublish?, Import these addresses?), drawn in
// answer to a form. The history keeps it as a visit to its address, not as the form that was sent: Back from
// the next page, or Reload, opens that address (which leads to the desk or the list) instead of the browser's
// "Confirm Form Resubmission", whose resending would post the form that asked the question again. Without the
// script the browser asks, as it does for any form. While its answer comes no button of the form is pressed
// again (a second press would act twice, or say the first changed everything, or leave for another page
// before the answer is seen); a page shown again from the history has its buttons back.
export const questionJs = `history.replaceState(history.state, '', location.href);
document.addEventListener('submit', (event) => {
  const buttons = event.target.querySelectorAll('button');
  setTimeout(() => { buttons.forEach((button) => { button.disabled = true; }); });
});
addEventListener('pageshow', (event) => {
  if (event.persisted) document.querySelectorAll('button[disabled]').forEach((button) => { button.disabled = false; });
});
`;
