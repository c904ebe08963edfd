// The reviewed default list for the tone check: wording a district account should not use about students,
// families or colleagues (mocking, shaming, complaining). Districts edit it under Settings.

export const DEFAULT_TONE_WORDS: readonly string[] = [
  'stupid', 'dumb', 'idiot', 'idiots', 'moron', 'morons', 'clueless', 'lazy', 'useless', 'pathetic', 'ridiculous',
  'embarrassing', 'shameful', 'shame on', 'loser', 'losers', 'brat', 'brats', 'whiny', 'whining', 'hate', 'hated',
  'awful', 'terrible', 'horrible', 'worst', 'disgusting', 'disgrace', 'annoying', 'nightmare', 'fed up', 'sick of',
  "can't stand", 'so done', 'ugh', 'smh', 'lol', 'lmao', 'epic fail', 'fail', 'failed', 'crazy', 'insane', 'weird',
  'ugly', 'fat', 'slow learner', 'finally learned', 'even they could', 'no clue', 'what a mess', 'disaster',
]; // prettier-ignore
