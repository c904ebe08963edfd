// The desk's frame: its title, navigation, the signed-in person and what a section refuses to a lesser role.
export const layout = {
  title: '{{page}} · Yesterday admin',
  skip: 'Skip to content',
  nav: 'Admin',
  sections: {
    inbox: 'Inbox',
    sources: 'Sources',
    coverage: 'Coverage',
    subscribers: 'Subscribers',
    outbox: 'Outbox',
    audit: 'Audit log',
    users: 'People',
    settings: 'Settings',
    account: 'My account',
  },
  publicSite: 'Public site',
  signOut: 'Sign out',
  forAdministrators: '{{section}} is for administrators. Ask an administrator if you need it.',
  forEditors: '{{section}} is for editors and administrators. Ask an administrator if you need it.',
};
