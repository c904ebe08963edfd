// Before anything goes out: the Preview with a test email to oneself, the question Publish now asks, and the
// first-run checklist above the inbox.
export const publish = {
  preview: {
    title: 'Preview',
    back: '← Back to the desk',
    heading: 'Preview of {{date}}',
    readersSee: 'This is what readers will see.',
    waits: 'Publishing waits until each is resolved on the desk.',
    sendTest: 'Send a test to me ({{email}})',
    page: 'The blog page',
    pageFrame: "The digest's page on the blog",
    email: 'The email',
    subject: 'Subject: {{subject}}',
    emailFrame: 'The email as HTML',
    text: 'The email’s plain-text part',
    selectFirst: 'Select at least one post before previewing.',
    selectBeforeTest: 'Select at least one post before sending a test.',
    testSent: 'A test email is on its way to {{to}}.',
    languages: 'The preview in each language',
    inLanguage: 'As {{language}} readers get it (or would, if it went out now).',
    publishHeading: 'Publish',
    toPublish: 'Publish it from the end of this page, once you have read it.',
  },
  confirm: {
    title: 'Publish now?',
    accounts_one: '{{count, number}} social account',
    accounts_other: '{{count, number}} social accounts',
    send_one: 'Publish the digest for {{day}}, and email it to {{count, number}} subscriber now?',
    send_other: 'Publish the digest for {{day}}, and email it to {{count, number}} subscribers now?',
    sendPost_one:
      'Publish the digest for {{day}}, email it to {{count, number}} subscriber, and post it to {{accounts}} now?',
    sendPost_other:
      'Publish the digest for {{day}}, email it to {{count, number}} subscribers, and post it to {{accounts}} now?',
    nobody: 'Publish the digest for {{day}} now? No subscriber would get it by email yet.',
    nobodyPost:
      'Publish the digest for {{day}}, and post it to {{accounts}} now? No subscriber would get it by email yet.',
    emailOff:
      'Publish the digest for {{day}} on the site and in the feeds now? Email is off, so nobody is emailed.',
    emailOffPost:
      'Publish the digest for {{day}} on the site and in the feeds, and post it to {{accounts}} now? Email is off, so nobody is emailed.',
    goes_one:
      '{{count, number}} post goes on the site, in the feeds and in the embed at once. An email once sent cannot be called back; a mistake is put right with a correction, which can be emailed too.',
    goes_other:
      '{{count, number}} posts go on the site, in the feeds and in the embed at once. An email once sent cannot be called back; a mistake is put right with a correction, which can be emailed too.',
    buttonSend_one: 'Publish and email {{count, number}} subscriber',
    buttonSend_other: 'Publish and email {{count, number}} subscribers',
    buttonSendPost_one: 'Publish, email {{count, number}} subscriber and post to {{accounts}}',
    buttonSendPost_other: 'Publish, email {{count, number}} subscribers and post to {{accounts}}',
    button: 'Publish',
    buttonPost: 'Publish and post to {{accounts}}',
    back: 'Not yet, back to the desk',
    notOver:
      'The day is not over yet ({{timezone}}): posts its classes write later today are not in this digest, and once it is published they can only be added by a correction.',
    notBegun:
      'This day has not begun yet ({{timezone}}): its classes have written nothing for it, and once it is published their posts can only be added by a correction.',
    scheduled: 'It is scheduled to go out by itself on {{when}}; publishing now sends it at once instead.',
    scheduledOverdue:
      'It was scheduled to go out by itself on {{when}} and has not gone out yet; publishing now sends it at once.',
    unscheduled:
      'It was scheduled to go out by itself on {{when}}, and saving your changes took it off that schedule: it goes out only when you publish it here, or schedule it again from the desk.',
  },
  unpublishConfirm: {
    title: 'Take this digest down?',
    question: 'Take the digest for {{day}} down from the site, the feeds and the embed now?',
    posts_one:
      'Its {{count, number}} post comes off every page at once, with its pictures, wherever they are shown.',
    posts_other:
      'Its {{count, number}} posts come off every page at once, with their pictures, wherever they are shown.',
    social_one: 'Its {{count, number}} post on the district’s social accounts is deleted.',
    social_other: 'Its {{count, number}} posts on the district’s social accounts are deleted.',
    never:
      'This cannot be undone: the day cannot be published again. To remove one post, use Take this post down on it instead.',
    reason: 'Why, as the audit log keeps it: “{{reason}}”',
    button: 'Take the digest down',
    back: 'Keep it published, back to the desk',
  },
  firstRun: {
    heading: 'Getting started: {{done}} of {{total}} done',
    hint: 'Each step ticks itself when it is done; this list goes away after the last one.',
    done: 'Done',
    toDo: 'To do',
    steps: {
      districtName: {
        title: 'Name your district',
        how: 'Its name heads the site and the email, and is the name parents see as the sender.',
      },
      brand: {
        title: 'Add your logo and colours',
        how: 'Upload the district’s logo and choose its colours and fonts, so the digest is recognisably yours.',
      },
      mailFrom: {
        title: 'Send from the district’s address',
        how: 'Whoever runs Yesterday sets MAIL_FROM to an address at the district’s own domain (README, Configuration) and restarts it.',
      },
      source: {
        title: 'Add the first class account',
        how: 'Paste the address of a teacher’s or classroom’s blog, Mastodon, Bluesky or YouTube account.',
      },
      editor: {
        title: 'Invite an editor',
        how: 'A second person can curate when you are away, and approve what you publish.',
      },
      testEmail: {
        title: 'Send yourself a test email',
        how: 'Select a few posts, open Preview and press Send a test to me, to see the email as parents will.',
      },
    },
  },
};
