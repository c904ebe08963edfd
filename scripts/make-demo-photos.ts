// Makes the demo district's photographs (src/demo/photos/*.jpg) from its drawings: rendered at a phone's
// size, with a photograph's grain, and written as a phone writes a JPEG, EXIF with the camera, the time and a
// GPS position included (one is stored on its side with orientation 6, as phones do). The demo shows that
// none of it reaches parents. Run once after changing a drawing: npx tsx scripts/make-demo-photos.ts [NAME.jpg …]
// (every photo, or only those named).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { demoImage, DEMO_PHOTOS } from '../src/demo/demo-content';
import { PROJECT_ROOT } from '../src/project-root';

const WIDTH = 1600;
const HEIGHT = 1000;

const only = process.argv.slice(2);
for (const [photo, drawing] of Object.entries(DEMO_PHOTOS)) {
  if (only.length && !only.includes(photo)) continue;
  const svg = Buffer.from(
    demoImage(drawing)!.replace('width="640" height="400"', `width="${WIDTH}" height="${HEIGHT}"`),
  );
  const grain = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 18 },
    },
  })
    .png()
    .toBuffer();
  let image = sharp(svg).composite([{ input: grain, blend: 'soft-light' }]);
  const onItsSide = photo === 'robot.jpg';
  // Stored turned a quarter anticlockwise; orientation 6 tells viewers to turn it back.
  if (onItsSide) image = sharp(await image.png().toBuffer()).rotate(-90);
  const bytes = await image
    .jpeg({ quality: 72, mozjpeg: true })
    .withExif({
      IFD0: {
        Make: 'Demo Phone Co.',
        Model: 'Classroom Phone 12',
        DateTime: '2026:11:20 10:42:07',
        Artist: 'Ms. Rivera',
      },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '44/1 58/1 3012/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '93/1 15/1 4418/100',
      },
    })
    .withMetadata(onItsSide ? { orientation: 6 } : {})
    .toBuffer();
  writeFileSync(join(PROJECT_ROOT, 'src/demo/photos', photo), bytes);
  console.log(`${photo}: ${Math.round(bytes.length / 1024)} KB`);
}
