// One-line texts: what is given is made one line, what is kept stands as stored.
import { expect, it } from 'vitest';
import { DeskError, limitLine } from './desk';

const refusal = ({ length, max }: { length: number; max: number }) => `${length} > ${max}`;

it('makes line breaks spaces in what is given, leaves what is kept as it was, and refuses what is too long', () => {
  expect(limitLine(' Kites\r\n over\u2028the\u0085 field ', 'old', 200, refusal)).toBe(
    'Kites over the field',
  );
  expect(limitLine('A\u2029B', 'old', 200, refusal)).toBe('A B');
  // A title stored with a line break before this rule is not rewritten by a save that does not give it.
  expect(limitLine(undefined, 'Stored\nbefore', 200, refusal)).toBe('Stored\nbefore');
  expect(() => limitLine('x'.repeat(201), '', 200, refusal)).toThrow(DeskError);
});
