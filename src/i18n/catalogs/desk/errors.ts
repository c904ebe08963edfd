// The desk's error pages (always English) and the sentences the desk's size limits answer with.
export const errors = {
  badRequest: 'That request could not be understood',
  signIn: 'Please sign in',
  refused: 'That was refused',
  notFound: 'Page not found',
  conflict: 'Someone else changed this first',
  tooLarge: 'That is too large',
  notYet: 'That cannot be done yet',
  tooMany: 'Too many requests',
  failed: 'Something went wrong',
  diskFull: 'The server is out of space',
  toTheDesk: 'Back to the desk',
  fileTooLarge:
    'That file is larger than {{limit}}, the most this form takes. Nothing was changed; choose a smaller file.',
  formTooLarge: 'That form sent more than 4 MB, far more than any page here sends. Nothing was changed.',
};
