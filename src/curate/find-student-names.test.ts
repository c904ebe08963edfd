import { describe, expect, it } from 'vitest';
import { fileNameWords, findStudentNames, linkWords } from './find-student-names';

const context = { staffNames: ['Ana Rivera'], allowlist: ['Abraham Lincoln', 'Martin Luther King'] };
const names = (text: string, extra = {}) =>
  findStudentNames(text, { ...context, ...extra }).map((m) => m.name);

describe('findStudentNames', () => {
  it.each([
    ['Maya Johnson won the spelling bee.', ['Maya Johnson']],
    ['Congratulations to Maya J. Johnson and Liam O’Brien!', ['Maya J. Johnson', 'Liam O’Brien']],
    ['Our reading buddies Sofia Ramirez-Lopez and Noah Kim read aloud.', ['Sofia Ramirez-Lopez', 'Noah Kim']],
    ['Maya won the spelling bee and Liam came second.', []],
    ['Mrs. Rivera and Principal Maria Lopez joined us.', []],
    ['Ana Rivera’s class planted beans.', []],
    ['Students at Lincoln Elementary visited Maya Park on Friday.', []],
    ['We read about Abraham Lincoln and Martin Luther King.', []],
    ['Maya Wins The Spelling Bee', []],
    ['Maya Chen Wins The Spelling Bee', ['Maya Chen']],
    ['Thank you, Maya. Johnson Elementary is next.', []],
    // In capitals, a name is one when the surname is in capitals too; a word in capitals in mixed text is
    // more often an acronym.
    ['NASA visited. MAYA JOHNSON WON.', ['MAYA JOHNSON']],
    ['CONGRATULATIONS TO ANA SMITH AND LEO GARCIA', ['ANA SMITH', 'LEO GARCIA']],
    ['MAYA WINS', []],
    ['Leo STEM night was fun', []],
    // Accents, hyphens, and characters that show as nothing do not hide a name.
    ['José Ramírez and Zoë Martin painted.', ['José Ramírez', 'Zoë Martin']],
    ['Maya-Rose Johnson-Lee read.', ['Maya-Rose Johnson-Lee']],
    ['Ma\u200bya John\u00adson read.', ['Maya Johnson']],
    // A first name and an initial are more than a first name.
    ['Great work, Ana S.!', ['Ana S.']],
    ['Ana S. read her poem, and Leo M. and Maya J. Johnson sang.', ['Ana S.', 'Leo M.', 'Maya J. Johnson']],
    ['Sra. Maya Rivera and Maestra Ana Lopez joined us.', []],
    ['We read with Ana. She loved it.', []],
    ['Maya\nJohnson read to the class.', ['Maya Johnson']],
    ['Thanks, Grace\n\nStudents planted beans.', []],
    // Letters inside links and codes spell names by chance: the digest email's link markers did.
    ['Choose schools: yd-marker-3APfqkE0S1oW8JuN\nUnsubscribe: yd-marker-SMRhWgKRL2Sgz_dq', []],
    ['Unsubscribe: yd-marker-_P6NybwoTjPb2-Ann\nChoose schools', []],
    ['Photos: https://class.example/Maya Johnson/ and maya@class.example Lee', []],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('matches roster surnames exactly, even alone, but not staff surnames', () => {
    const roster = new Set(['okafor', 'nguyen', 'rivera']);
    const isRosterSurname = (w: string) => roster.has(w);
    expect(names('Great job, Nguyen family!', { isRosterSurname })).toEqual(['Nguyen']);
    expect(names('Mr. Okafor led the lab with Ana Rivera.', { isRosterSurname })).toEqual([]);
    expect(findStudentNames('Emma Nguyen read.', { ...context, isRosterSurname })).toEqual([
      { name: 'Emma Nguyen', reason: 'full-name' },
    ]); // A teacher written with her accent is the same teacher written without it.
    const withGarcia = (w: string) => ['garcia', 'nguyen'].includes(w);
    const staff = { ...context, staffNames: ['Lucía García'], isRosterSurname: withGarcia };
    expect(findStudentNames('Thanks to Garcia for the lab.', staff)).toEqual([]);
    expect(findStudentNames('Thanks to Nguyen for the lab.', staff)).toEqual([
      { name: 'Nguyen', reason: 'roster' },
    ]);
  });

  it('reads a post address as words, from its last named part', () => {
    expect(linkWords('https://class.example/2026/12/06/ana-smith-poetry-reading/')).toBe(
      'Ana Smith Poetry Reading',
    );
    expect(linkWords('https://class.example/posts/ana-smith-poetry-reading?p=12')).toBe(
      'Ana Smith Poetry Reading',
    );
    expect(linkWords('https://class.example/?p=123')).toBe('');
    expect(linkWords('https://mastodon.example/@room12/113456789')).toBe('');
    expect(linkWords(null)).toBe('');
    expect(names(linkWords('https://class.example/2026/12/06/ana-smith-poetry-reading/'))).toEqual([
      'Ana Smith',
    ]);
  });

  it('reads file names as words', () => {
    expect(fileNameWords('https://x.example/uploads/2026/11/maya-johnson_science-fair.jpg')).toBe(
      'Maya Johnson Science Fair',
    );
    expect(fileNameWords('https://x.example/IMG_2041.JPG')).toBe('Img');
    expect(fileNameWords('https://x.example/LiamObrienReading.png')).toBe('Liam Obrien Reading');
    expect(names(fileNameWords('https://x.example/uploads/maya-johnson-science.jpg'))).toEqual([
      'Maya Johnson',
    ]);
  });
});

describe('findStudentNames on long text', () => {
  it('reads a long run without spaces in linear time', () => {
    const started = performance.now();
    expect(names(`${'x'.repeat(200_000)} Maya Johnson`)).toEqual(['Maya Johnson']);
    // Generous bound only to catch quadratic behaviour (which took minutes), not a timing assertion.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
