// Getting in and one's own account: sign in, a forgotten password, the first administrator, a password link,
// and /admin/account.
export const account = {
  signIn: {
    title: 'Sign in',
    heading: 'Sign in to Yesterday',
    email: 'Email',
    password: 'Password',
    button: 'Sign in',
    forgot: 'Forgot your password?',
    tooMany:
      'Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an administrator for a new password link.',
    noMatch: 'That email and password do not match an account. Check both and try again.',
    moved:
      'This site has moved to Cloudflare since some passwords were set, and those cannot be checked here. If yours no longer works, use “Forgot your password?” once to set a new one.',
  },
  password: {
    tooShort: 'Choose a password of at least {{length}} characters; a short sentence works well.',
    tooLong: 'Choose a password of at most {{length}} characters.',
  },
  forgot: {
    title: 'Forgot your password?',
    sent: 'If an account exists for that address, an email with a link to choose a new password is on its way.',
    email: 'Your email',
    button: 'Send me a link',
    back: 'Back to sign in',
  },
  link: {
    setupTitle: 'Set up Yesterday',
    setupHeading: 'Create the first administrator',
    setupIntro: 'This account can add sources, publish digests and invite colleagues. This link works once.',
    passwordTitle: 'Choose a password',
    passwordHeading: 'Choose your password',
    passwordIntro: 'Choose the password you will sign in with. This link works once.',
    name: 'Your name',
    email: 'Email',
    password: 'New password',
    passwordHint: 'At least {{length}} characters. A short sentence is easy to remember and hard to guess.',
    confirm: 'Type it again',
    button: 'Save and sign in',
    notSame: 'The two passwords are not the same. Type them again.',
    nameMissing: 'Enter your name.',
    expiredTitle: 'Link expired',
    expiredHeading: 'This link cannot be used',
    expired:
      'It has already been used, or it has expired. Ask an administrator for a new one (or run `npx yesterday user:create`).',
    setupReplaced:
      'It has expired, or a newer link replaced it: each start of the server prints a new link, and the earlier one stops working. Use the latest link the server printed (run as a service: `journalctl -u yesterday | grep setup`), or restart it for a new one; on Cloudflare, run `npx yesterday d1:setup-link` again.',
    setupDone:
      'This link is for setting up the first administrator, and the district has one now, so it no longer works. Sign in, or ask an administrator to invite you.',
    toSignIn: 'Go to sign in',
  },
  mine: {
    title: 'My account',
    email: 'Email',
    role: 'Role',
    changePassword: 'Change my password',
    current: 'Current password',
    password: 'New password',
    confirm: 'Type it again',
    button: 'Change password',
    everywhere: 'Sign out everywhere',
    everywhereText: 'Ends every session of your account, on every device, including this one.',
    currentWrong: 'Your current password is not right.',
    notSame: 'The two new passwords are not the same.',
    changed: 'Password changed. You are still signed in here; everywhere else you are signed out.',
  },
};
