import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { readDistrictSettings } from '../settings/district-settings';
import { readAllSettings, readSetting, writeSetting } from './settings';
import { logoDataUrl } from '../brand/logo';
import { stripMetadata } from '../pictures/strip-metadata';
import { solidPng } from '../../test/png';
import { phonePhoto } from '../../test/photos';

describe('readAllSettings', () => {
  it('says a logo is there, and which version, without copying its body out of the database each time', async () => {
    const db = createTestDatabase().database;
    const logo = `data:image/png;base64,${'A'.repeat(600_000)}`;
    await writeSetting(db, 'logo', logo, 1);
    await writeSetting(db, 'district_name', 'Riverside Unified', 1);

    const all = await readAllSettings(db);
    expect(all.get('logo')).toBe('1'); // when it was stored

    expect(all.get('district_name')).toBe('Riverside Unified');
    const district = await readDistrictSettings(db);
    expect(district.hasLogo).toBe(true);
    expect(district.hasDarkLogo).toBe(false);
    expect(district.logoAspect).toBeUndefined(); // not a picture that can be read
    expect(await readSetting(db, 'logo')).toBe(logo);
  });

  it('gives the shape of the logo the masthead shows, read again when a new one is stored', async () => {
    const db = createTestDatabase().database;
    const logo = (width: number, height: number) =>
      logoDataUrl(stripMetadata(solidPng(width, height, [31, 58, 95])));
    await writeSetting(db, 'logo', logo(400, 100), 1);
    expect((await readDistrictSettings(db)).logoAspect).toBe(4);
    await writeSetting(db, 'logo', logo(100, 100), 2);
    expect((await readDistrictSettings(db)).logoAspect).toBe(1);
    // The masthead shows the variant for dark backgrounds when there is one.
    await writeSetting(db, 'logo_dark', logo(300, 100), 3);
    expect((await readDistrictSettings(db)).logoAspect).toBe(3);
  });

  it('gives a logo stored on its side its upright shape, and leaves a stored value that is no picture square', async () => {
    const db = createTestDatabase().database;
    // Stored 800×200 on its side (EXIF orientation 6): upright it stands 200 wide and 800 high.
    const sideways = stripMetadata(new Uint8Array(await phonePhoto({ width: 800, height: 200 })));
    await writeSetting(db, 'logo', logoDataUrl(sideways), 1);
    expect((await readDistrictSettings(db)).logoAspect).toBe(0.25);
    await writeSetting(db, 'logo', 'data:image/png;base64,@@not base64@@', 2);
    const settings = await readDistrictSettings(db);
    expect(settings.hasLogo).toBe(true);
    expect(settings.logoAspect).toBeUndefined();
  });
});
