// Moments as the desk words them where Intl has no phrase of its own.
export const time = {
  justNow: 'just now',
  slot: '{{day}} at {{time}}',
};
