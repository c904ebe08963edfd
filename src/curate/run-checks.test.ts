import { describe, expect, it } from 'vitest';
import {
  languageMatches,
  postHints,
  runChecks,
  type CheckEntry,
  type CheckInput,
  type Finding,
} from './run-checks';

const FRIDAY_NOON = Date.parse('2026-11-20T18:00:00Z'); // noon in Chicago

const entry = (
  overrides: Partial<Omit<CheckEntry, 'item'>> & { item?: Partial<CheckEntry['item']> } = {},
): CheckEntry => ({
  itemId: 7,
  headline: 'Bean plants sprouted',
  blurb: 'Every bean in our window garden has sprouted.',
  imageUrl: null,
  imageAlt: null,
  ...overrides,
  item: {
    summary: 'Every bean sprouted.',
    publishedAt: FRIDAY_NOON,
    authorization: 'authorized',
    mediaRelease: true,
    author: 'Ana Rivera',
    schoolId: 1,
    sourceTitle: 'Room 4',
    ...overrides.item,
  },
});

/** What findings say, without what a reason given for each would cover (tested on its own below). */
const said = (findings: Finding[]) =>
  findings.map(({ itemId, kind, message }) => ({ itemId, kind, message }));

const check = (input: Partial<CheckInput>) =>
  runChecks({
    date: '2026-11-20',
    timezone: 'America/Chicago',
    title: '',
    intro: '',
    entries: [],
    staffBySchool: new Map([[1, ['Ana Rivera']]]),
    toneWords: ['stupid', 'fed up'],
    nameAllowlist: [],
    overrides: [],
    ...input,
  });

describe('runChecks', () => {
  it('finds nothing in a clean digest', () => {
    expect(
      check({
        entries: [entry({ imageUrl: 'https://x.example/beans.jpg', imageAlt: 'Bean sprouts in cups' })],
      }),
    ).toEqual([]);
  });

  it('reports a probable full name once per entry, naming every place it appears', () => {
    const findings = check({
      entries: [
        entry({
          headline: 'Maya Johnson wins',
          blurb: 'Maya Johnson spelled “chrysanthemum”.',
          imageUrl: 'https://x.example/liam-obrien.jpg',
          imageAlt: 'Liam at the board',
        }),
      ],
    });
    expect(said(findings)).toEqual([
      {
        itemId: 7,
        kind: 'student-name',
        message:
          '“Maya Johnson” (headline, blurb) and “Liam Obrien” (image file name) look like students’ full names. Use first names only, or record why they are fine.',
      },
    ]);
  });

  it('checks the author line when the feed’s author is not one of the school’s adults', () => {
    // A class blog students write on: the digest would say "From Room 4, by Ana Smith".
    const student = check({ entries: [entry({ item: { author: 'Ana Smith' } })] });
    expect(said(student)).toEqual([
      {
        itemId: 7,
        kind: 'student-name',
        message:
          '“Ana Smith” (author line) is the post’s author as the feed names it, which the digest prints (“by …”), and looks like a full name. If it is the teacher, record the name as the source’s owner under Sources and it is not asked again; if a student wrote the post, leave it out, or record why it is fine.',
      },
    ]);
    // Nor does such an author hide the same name in the post's words, as a teacher's name would.
    const named = check({
      entries: [entry({ blurb: 'Ana Smith wrote this week’s poem.', item: { author: 'Ana Smith' } })],
    });
    expect(named[0]!.message).toContain('“Ana Smith” (blurb, author line)');
    // The school's adults: the account owner's whole name, the same surname, a title; or no full name at all.
    for (const author of ['Ana Rivera', 'Jane Rivera', 'Ms. Rivera', 'Mr. Okafor', 'Room 4', 'Ana', null])
      expect(check({ entries: [entry({ item: { author } })] }), String(author)).toEqual([]);
  });

  it('reads the link to the post, which blogs make from its first title, for the roster’s surnames', () => {
    const url = 'https://room4.example/2026/11/20/ana-smith-poetry-reading/';
    const isRosterSurname = (word: string) => word === 'smith';
    expect(said(check({ entries: [entry({ item: { url } })], isRosterSurname }))).toEqual([
      {
        itemId: 7,
        kind: 'student-name',
        message:
          '“Smith” (link to the post) looks like a student’s full name in the teacher’s own post, which the digest links to; the digest’s words are fine. Ask the teacher to use the first name only there, leave the post out, or record why it is fine.',
      },
    ]);
    // Every word of an address comes out capitalized: a given name before any word is no full name there.
    const calendars = 'https://room4.example/2026/11/20/mark-your-calendars-april-showers/';
    expect(check({ entries: [entry({ item: { url: calendars } })], isRosterSurname })).toEqual([]);
    expect(check({ entries: [entry({ item: { url } })] })).toEqual([]);
  });

  it('flags a photo from an account without a media release, and missing alt text', () => {
    const findings = check({
      entries: [entry({ imageUrl: 'https://x.example/class.jpg', item: { mediaRelease: false } })],
    });
    expect(findings.map((f) => f.kind)).toEqual(['photo-without-release', 'missing-alt-text']);
    expect(findings[0]!.message).toBe(
      'The image comes from Room 4, which has no media release on file. Remove the image, or record who confirms that a release exists for everyone pictured.',
    );
  });

  it('holds a picture whose post names a student on the list without a media release, until a reason covers it', () => {
    const isNoReleaseName = (word: string) => ['maya', 'leo'].includes(word.toLowerCase());
    const picture = { imageUrl: 'https://x.example/kites.jpg', imageAlt: 'Kites over the field' };
    const named = entry({ ...picture, blurb: 'Maya’s kite flew highest.' });
    const [found, ...rest] = check({ entries: [named], isNoReleaseName });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      kind: 'photo-without-release',
      message:
        'The post names Maya, and a student called Maya has no media release on file (Settings, Students without a media release). Remove the image, or record who confirms that this is another Maya.',
    });
    // No picture, no question; a name not on the list, none either.
    expect(check({ entries: [entry({ blurb: 'Maya’s kite flew highest.' })], isNoReleaseName })).toEqual([]);
    expect(check({ entries: [entry({ ...picture, blurb: 'Ana’s kite.' })], isNoReleaseName })).toEqual([]);
    // A reason covers the picture with the names it named; another name on the list opens it again.
    const reason = {
      itemId: 7,
      kind: 'photo-without-release',
      reason: 'This is Maya R., who has a release',
      userId: 1,
      createdAt: 5,
      covers: found!.covers!,
    };
    expect(check({ entries: [named], isNoReleaseName, overrides: [reason] })[0]!.override).toEqual(reason);
    const more = check({
      entries: [entry({ ...picture, blurb: 'Maya and Leo flew kites.' })],
      isNoReleaseName,
      overrides: [reason],
    });
    expect(more[0]).toMatchObject({
      earlier: reason,
      message: expect.stringContaining('The post names Maya and Leo, and students with these first names'),
    });
    // An account without a release says both.
    const both = check({
      entries: [entry({ ...picture, blurb: 'Leo flew a kite.', item: { mediaRelease: false } })],
      isNoReleaseName,
    });
    expect(both[0]!.message).toBe(
      'The image comes from Room 4, which has no media release on file. Remove the image, or record who confirms that a release exists for everyone pictured. The post names Leo, and a student called Leo has no media release on file (Settings, Students without a media release). Remove the image, or record who confirms that this is another Leo.',
    );
    // Its reason, which covered the picture and Leo, still covers the picture once Leo is taken out.
    const forBoth = { ...reason, covers: both[0]!.covers! };
    const withoutLeo = check({
      entries: [entry({ ...picture, blurb: 'Room 4 flew kites.', item: { mediaRelease: false } })],
      isNoReleaseName,
      overrides: [forBoth],
    });
    expect(withoutLeo[0]!.override).toEqual(forBoth);
    // A reason given while the account had a release ("another Leo") says nothing of an account without one.
    const anotherLeo = {
      ...reason,
      covers: check({ entries: [entry({ ...picture, blurb: 'Leo flew a kite.' })], isNoReleaseName })[0]!
        .covers!,
    };
    const accountLost = check({
      entries: [entry({ ...picture, blurb: 'Room 4 flew kites.', item: { mediaRelease: false } })],
      isNoReleaseName,
      overrides: [anotherLeo],
    });
    expect(accountLost[0]).toMatchObject({ earlier: anotherLeo });
    expect(accountLost[0]!.override).toBeUndefined();
    // A reason recorded when names were kept with their accents ("josé") covers the name as it is kept now.
    const isJose = (word: string) => word.toLowerCase() === 'josé';
    const jose = entry({ ...picture, blurb: 'José flew a kite.' });
    const before = {
      ...reason,
      covers: JSON.stringify([
        [`picture ${picture.imageUrl}`, []],
        ['josé', []],
      ]),
    };
    expect(check({ entries: [jose], isNoReleaseName: isJose, overrides: [before] })[0]!.override).toEqual(
      before,
    );
  });

  it('counts alt text that only repeats the post’s blurb as missing', () => {
    const picture = { imageUrl: 'https://x.example/robot.jpg' };
    const repeating = check({
      entries: [
        entry({ ...picture, imageAlt: 'Every bean in our  window garden has sprouted…' }),
        // A post without a title has its headline from the alt text: that is no repetition to fix.
        entry({ ...picture, itemId: 8, imageAlt: 'bean plants sprouted' }),
      ],
    });
    expect(repeating.map((f) => [f.itemId, f.kind])).toEqual([[7, 'missing-alt-text']]);
    expect(repeating[0]!.message).toContain('repeats the post’s words');
    const describing = check({
      entries: [entry({ ...picture, imageAlt: 'Bean sprouts in paper cups on a windowsill' })],
    });
    expect(describing).toEqual([]);
  });

  it('flags tone in entries and in the digest’s own title and intro', () => {
    const findings = check({
      intro: 'We are fed up with the rain.',
      entries: [entry({ blurb: 'What a stupid mistake!' })],
    });
    expect(said(findings)).toEqual([
      {
        itemId: 7,
        kind: 'tone',
        message:
          '“stupid” (blurb) may read as mocking, shaming or complaining. Reword it, or record why it is fine.',
      },
      {
        itemId: 0,
        kind: 'tone',
        message:
          '“fed up” (intro) may read as mocking, shaming or complaining. Reword it, or record why it is fine.',
      },
    ]);
  });

  it('says a name only in the teacher’s own post is the teacher’s to fix, not the digest’s words', () => {
    const original = { item: { summary: 'Jordan Alvarez won the science fair.' } };
    expect(said(check({ entries: [entry({ ...original, blurb: 'Jordan won the science fair.' })] }))).toEqual(
      [
        {
          itemId: 7,
          kind: 'student-name',
          message:
            '“Jordan Alvarez” (original post) looks like a student’s full name in the teacher’s own post, which the digest links to; the digest’s words are fine. Ask the teacher to use the first name only there, leave the post out, or record why it is fine.',
        },
      ],
    );
    // In the digest's words too: the usual finding, which rewording resolves.
    const both = check({ entries: [entry({ ...original, blurb: 'Jordan Alvarez won the science fair.' })] });
    expect(both[0]!.message).toBe(
      '“Jordan Alvarez” (blurb, original post) looks like a student’s full name. Use first names only, or record why it is fine.',
    );
  });

  it('hints what the checks would find in a post not chosen yet, from its own words', () => {
    const context = { staff: ['Ana Rivera'], nameAllowlist: [], toneWords: ['lazy'] };
    const post = (title: string, summary = '') => postHints({ title, summary, author: null }, context);
    expect(post('Jordan Alvarez won the science fair')).toEqual(['student-name']);
    expect(post('Who was lazy today?', 'Ana Rivera says nobody.')).toEqual(['tone']);
    expect(post('Bean plants sprouted', 'Mrs. Rivera’s class watered them.')).toEqual([]);
  });

  it('flags unauthorized accounts and posts from another day', () => {
    const findings = check({
      entries: [entry({ item: { authorization: 'suspended', publishedAt: FRIDAY_NOON + 24 * 3600_000 } })],
    });
    expect(findings.map((f) => [f.kind, f.message])).toEqual([
      [
        'unauthorized-source',
        'This post comes from an account whose authorization is suspended. Remove the post, or authorize the account under Sources.',
      ],
      [
        'outside-day',
        'This post was published on Saturday, November 21, 2026 (district time), not on the digest’s day. Remove it, or record why it belongs here.',
      ],
    ]);

    // A reason resolves a post from another day, never one from an account that is not authorized (an
    // override recorded for it before this rule is not counted either).
    const reasons = ['unauthorized-source', 'outside-day'].map((kind) => ({
      itemId: 7,
      kind,
      reason: 'The principal said yes on the phone.',
      userId: 1,
      createdAt: 1,
      covers: null,
    }));
    const withReasons = check({
      entries: [entry({ item: { authorization: 'pending', publishedAt: FRIDAY_NOON + 24 * 3600_000 } })],
      overrides: reasons,
    });
    expect(withReasons.map((f) => [f.kind, f.override === undefined])).toEqual([
      ['unauthorized-source', true],
      ['outside-day', false],
    ]);
  });

  it('checks the email as sent, without repeating what the entries already report', () => {
    const findings = check({
      entries: [entry({ blurb: 'Maya Johnson read.' })],
      emailText: 'Maya Johnson read. Shout-out to Noah Kim from the office!',
    });
    expect(findings.map((f) => [f.itemId, f.message])).toEqual([
      [
        7,
        '“Maya Johnson” (blurb) looks like a student’s full name. Use first names only, or record why it is fine.',
      ],
      [
        0,
        '“Noah Kim” (email text) looks like a student’s full name. Use first names only, or record why it is fine.',
      ],
    ]);
  });

  it('marks a finding resolved when a person recorded an override for that entry and kind', () => {
    const photo = entry({
      imageUrl: 'https://x.example/a.jpg',
      imageAlt: 'Kids',
      item: { mediaRelease: false },
    });
    const [found] = check({ entries: [photo] });
    const override = {
      itemId: 7,
      kind: 'photo-without-release',
      reason: 'Release confirmed by Principal Hayes',
      userId: 1,
      createdAt: 5,
      covers: found!.covers!,
    };
    const findings = check({ entries: [photo], overrides: [override] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'photo-without-release', override })]);
  });

  it('counts a reason only for what its finding found when it was given: a name, word or picture added opens it again', () => {
    const reasonFor = (finding: { itemId: number; kind: string; covers?: string }) => ({
      itemId: finding.itemId,
      kind: finding.kind,
      reason: 'Checked with the family and the principal.',
      userId: 1,
      createdAt: 5,
      covers: finding.covers!,
    });
    const named = entry({ blurb: 'Maya Johnson read, and it was a bit silly.' });
    const before = check({ entries: [named], toneWords: ['silly', 'lazy'] });
    expect(before.map((f) => f.kind)).toEqual(['student-name', 'tone']);
    const reasons = before.map(reasonFor);
    // The same text: resolved; so is an edit that finds the same (the same name and word, in the same place).
    expect(check({ entries: [named], toneWords: ['silly', 'lazy'], overrides: reasons })).toEqual(
      before.map((f, n) => ({ ...f, override: reasons[n] })),
    );
    const reworded = entry({ blurb: 'Maya Johnson read aloud, a bit silly.' });
    expect(
      check({ entries: [reworded], toneWords: ['silly', 'lazy'], overrides: reasons }).every(
        (f) => f.override,
      ),
    ).toBe(true);
    // A tone word is compared as written: a reason for "fracasó" is not one for "fracaso".
    const [failed] = check({
      entries: [entry({ blurb: 'Fue un fracasó total.' })],
      toneWords: ['fracasó', 'fracaso'],
    });
    const other = check({
      entries: [entry({ blurb: 'Fue un fracaso total.' })],
      toneWords: ['fracasó', 'fracaso'],
      overrides: [reasonFor(failed!)],
    });
    expect(other[0]!.override).toBeUndefined();
    // Another name and another word: both open again, the reasons kept for a person to look at.
    const worse = entry({ blurb: 'Maya Johnson and Noah Kim read; Noah was silly and lazy.' });
    expect(
      check({ entries: [worse], toneWords: ['silly', 'lazy'], overrides: reasons }).map((f) => [
        f.kind,
        f.override === undefined,
      ]),
    ).toEqual([
      ['student-name', true],
      ['tone', true],
    ]);
    // One of the names taken out, or the word: what is left the reason covered, so it stands.
    const both = entry({ blurb: 'Maya Johnson and Noah Kim read, a bit silly.' });
    const forBoth = check({ entries: [both], toneWords: ['silly'] }).map(reasonFor);
    const fewer = entry({ blurb: 'Maya Johnson read, and Noah helped.' });
    expect(
      check({ entries: [fewer], toneWords: ['silly'], overrides: forBoth }).map((f) => [
        f.kind,
        !!f.override,
      ]),
    ).toEqual([['student-name', true]]);
    // The same name written into the headline as well: a place the reason did not cover.
    const headline = entry({
      headline: 'Maya Johnson reads',
      blurb: 'Maya Johnson read, and it was a bit silly.',
    });
    expect(
      check({ entries: [headline], toneWords: ['silly', 'lazy'], overrides: reasons }).find(
        (f) => f.kind === 'student-name',
      )!.override,
    ).toBeUndefined();
    // The post's Spanish text with the same name is the same name: the reason holds in every language. A name
    // only the translation has is new.
    const spanish = (blurb: string) => ({
      label: 'Spanish',
      toneWords: [],
      title: '',
      intro: '',
      entries: new Map([[7, { headline: '', blurb, imageAlt: '' }]]),
    });
    const named2 = (translation: string) =>
      check({
        entries: [named],
        toneWords: ['silly', 'lazy'],
        overrides: reasons,
        translations: [spanish(translation)],
      }).find((f) => f.kind === 'student-name')!;
    expect(named2('Maya Johnson leyó.').message).toContain('Spanish');
    expect(named2('Maya Johnson leyó.').override).toBeDefined();
    expect(named2('Maya Johnson y Lucas Martinez leyeron.').override).toBeUndefined();
    // A translation is no way round it: a name the reason saw only in the teacher's own post, written into a
    // translated headline, is in a place it did not cover.
    const inOriginal = entry({ blurb: 'They read.', item: { summary: 'Maya Johnson read to the class.' } });
    const [original] = check({ entries: [inOriginal] }).map(reasonFor);
    const spanishHeadline = {
      ...spanish(''),
      entries: new Map([[7, { headline: 'Maya Johnson lee', blurb: '', imageAlt: '' }]]),
    };
    expect(check({ entries: [inOriginal], overrides: [original!] })[0]!.override).toBeDefined();
    expect(
      check({ entries: [inOriginal], overrides: [original!], translations: [spanishHeadline] })[0]!.override,
    ).toBeUndefined();
    // A release given for one photo does not cover another.
    const photo = (url: string) =>
      entry({ imageUrl: url, imageAlt: 'Kids at the pond', item: { mediaRelease: false } });
    const [release] = check({ entries: [photo('https://x.example/a.jpg')] }).map(reasonFor);
    expect(
      check({ entries: [photo('https://x.example/a.jpg')], overrides: [release!] })[0]!.override,
    ).toBeDefined();
    expect(
      check({ entries: [photo('https://x.example/b.jpg')], overrides: [release!] })[0]!.override,
    ).toBeUndefined();
  });
});

describe('languageMatches', () => {
  const spanish = (blurb: string, title = '') => ({
    label: 'Spanish',
    toneWords: ['tonto'],
    title,
    intro: '',
    entries: new Map([[7, { headline: 'Frijoles', blurb, imageAlt: '' }]]),
  });
  const context = {
    title: '',
    intro: '',
    entries: [entry({ blurb: 'Maya Johnson planted every bean.' })],
    staffBySchool: new Map([[1, ['Ana Rivera']]]),
    nameAllowlist: [],
  };
  const reason = {
    itemId: 7,
    kind: 'student-name',
    reason: 'Our principal.',
    userId: 1,
    createdAt: 1,
    covers: null,
  };

  it('finds names and tone words as written, keyed by post, whatever reasons were recorded', () => {
    expect(
      languageMatches(context, spanish('Lucas Martinez fue un poco tonto.', 'Lucas Martinez'), [reason]),
    ).toEqual(
      new Map([
        ['7:name:lucas martinez', 'Lucas Martinez'],
        ['7:tone:tonto', 'tonto'],
        ['0:name:lucas martinez', 'Lucas Martinez'],
      ]),
    );
  });

  it('finds a student without a media release that only this language names in a picture’s post', () => {
    const isNoReleaseName = (word: string) => word.toLowerCase() === 'leo';
    const pictured = {
      ...context,
      entries: [entry({ blurb: 'Room 4 planted beans.', imageUrl: 'https://x.example/beans.jpg' })],
      isNoReleaseName,
    };
    expect(languageMatches(pictured, spanish('Leo plantó los frijoles.'), [])).toEqual(
      new Map([['7:name:leo', 'Leo']]),
    );
    // Named in the district's own text already (and so checked there), or in a post without a picture: nothing new.
    const named = {
      ...pictured,
      entries: [entry({ blurb: 'Leo planted beans.', imageUrl: 'https://x.example/beans.jpg' })],
    };
    expect(languageMatches(named, spanish('Leo plantó los frijoles.'), [])).toEqual(new Map());
    expect(languageMatches({ ...context, isNoReleaseName }, spanish('Leo plantó.'), [])).toEqual(new Map());
  });

  it('leaves out a name of the post’s own text only when a reason was recorded for that post', () => {
    const translated = spanish('Maya Johnson plantó los frijoles.');
    expect(languageMatches(context, translated, [])).toEqual(
      new Map([['7:name:maya johnson', 'Maya Johnson']]),
    );
    expect(languageMatches(context, translated, [reason])).toEqual(new Map());
    expect(languageMatches(context, translated, [{ ...reason, itemId: 8 }]).size).toBe(1);
  });
});
