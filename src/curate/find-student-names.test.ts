import { describe, expect, it } from 'vitest';
import { fileNameWords, findStudentNames } from './find-student-names';

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
    ['NASA visited. MAYA JOHNSON WON.', []],
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
