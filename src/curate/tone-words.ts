// The reviewed default list for the tone check: wording a district account should not use about students,
// families or colleagues (mocking, shaming, complaining). Districts edit it under Settings.

export const DEFAULT_TONE_WORDS: readonly string[] = [
  'stupid', 'dumb', 'idiot', 'idiots', 'moron', 'morons', 'clueless', 'lazy', 'useless', 'pathetic', 'ridiculous',
  'embarrassing', 'shameful', 'shame on', 'loser', 'losers', 'brat', 'brats', 'whiny', 'whining', 'hate', 'hated',
  'awful', 'terrible', 'horrible', 'worst', 'disgusting', 'disgrace', 'annoying', 'nightmare', 'fed up', 'sick of',
  "can't stand", 'so done', 'ugh', 'smh', 'lol', 'lmao', 'epic fail', 'fail', 'failed', 'crazy', 'insane', 'weird',
  'ugly', 'fat', 'slow learner', 'finally learned', 'even they could', 'no clue', 'what a mess', 'disaster',
  // Sarcasm: praise that mocks ("finally remembered…", "Bless their hearts", an eye-roll). Phrases that read as
  // plain praise as often ("some of us", "actually did", "strikes again") are left out.
  'finally remembered', 'bless their hearts', 'bless his heart', 'bless her heart', 'class clown',
  'guess who forgot', 'slowpoke', 'slowpokes', 'eye roll', '🙄', '🤦', '😒',
]; // prettier-ignore

/**
 * The same kind of wording in the district's other languages, checked in each translation beside the
 * district's own list (Settings), which translations are checked against too.
 */
export const DEFAULT_TONE_WORDS_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  es: [
    'estúpido', 'estúpida', 'estúpidos', 'tonto', 'tonta', 'tontos', 'idiota', 'idiotas', 'imbécil', 'inútil',
    'inútiles', 'flojo', 'floja', 'perezoso', 'perezosa', 'patético', 'patética', 'ridículo', 'ridícula',
    'vergonzoso', 'vergüenza', 'qué vergüenza', 'perdedor', 'perdedores', 'mocoso', 'mocosos', 'odio', 'odiamos',
    'horrible', 'terrible', 'espantoso', 'asqueroso', 'asquerosa', 'desastre', 'pesadilla', 'harto', 'harta',
    'hartos', 'no aguanto', 'fracaso', 'fracasó', 'loco', 'locos', 'feo', 'fea', 'gordo', 'gorda', 'raro',
    'qué lío', 'por fin aprendieron', 'ni idea', 'jaja', 'por fin recordaron', '🙄', '🤦', '😒',
  ],
  ar: [
    'غبي', 'غبية', 'أغبياء', 'أحمق', 'حمقى', 'تافه', 'كسول', 'كسالى', 'فاشل', 'فاشلون', 'فاشلة', 'سخيف',
    'سخيفة', 'مثير للشفقة', 'عار', 'مخجل', 'فضيحة', 'أكره', 'نكره', 'فظيع', 'سيء', 'أسوأ', 'مقرف', 'كارثة',
    'كابوس', 'مزعج', 'مجنون', 'مجانين', 'قبيح', 'سمين', 'أخيرا تعلموا', 'لا يفهمون', '🙄', '🤦', '😒',
  ],
}; // prettier-ignore
