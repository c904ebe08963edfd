// Stylesheet URLs carry a content hash, so browsers may cache them for a year and still see every change.
import { adminCss } from './admin-css';
import { deskJs } from './desk-js';
import { questionJs } from './question-js';
import { settingsJs } from './settings-js';
import { embedCss, embedFrameJs } from './embed-assets';
import { siteCss } from './site-css';
import { fnv1a } from '../text/fnv1a';

export const ASSETS = {
  'site.css': { body: siteCss, version: fnv1a(siteCss) },
  'admin.css': { body: adminCss, version: fnv1a(adminCss) },
  'desk.js': { body: deskJs, version: fnv1a(deskJs) },
  'settings.js': { body: settingsJs, version: fnv1a(settingsJs) },
  'question.js': { body: questionJs, version: fnv1a(questionJs) },
  'embed.css': { body: embedCss, version: fnv1a(embedCss) },
  'embed-frame.js': { body: embedFrameJs, version: fnv1a(embedFrameJs) },
} as const;

export function assetUrl(name: keyof typeof ASSETS): string {
  return `/assets/${name}?v=${ASSETS[name].version}`;
}
