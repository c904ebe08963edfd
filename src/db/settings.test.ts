import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { readDistrictSettings } from '../settings/district-settings';
import { readAllSettings, readSetting, writeSetting } from './settings';

describe('readAllSettings', () => {
  it('says a logo is there without copying its body out of the database', async () => {
    const db = createTestDatabase().database;
    const logo = `data:image/png;base64,${'A'.repeat(600_000)}`;
    await writeSetting(db, 'logo', logo, 1);
    await writeSetting(db, 'district_name', 'Riverside Unified', 1);

    const all = await readAllSettings(db);
    expect(all.get('logo')).toBe('');
    expect(all.get('district_name')).toBe('Riverside Unified');
    const district = await readDistrictSettings(db);
    expect(district.hasLogo).toBe(true);
    expect(district.hasDarkLogo).toBe(false);
    expect(await readSetting(db, 'logo')).toBe(logo);
  });
});
