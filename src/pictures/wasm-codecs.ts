// The codecs a Worker makes pictures with: jSquash's WebAssembly builds of MozJPEG, libwebp and Squoosh's PNG
// decoder (the codecs of Google's Squoosh app), and pica's resizer in plain JavaScript. The caller hands over
// the compiled modules (wrangler bundles the .wasm files for a Worker; the benchmark reads them from
// node_modules), and each is instantiated on the first picture that needs it, so a Worker that only serves
// pages never pays for them.
import decodeJpeg, { init as initJpegDecoder } from '@jsquash/jpeg/decode';
import encodeJpeg, { init as initJpegEncoder } from '@jsquash/jpeg/encode';
import decodePng, { init as initPngDecoder } from '@jsquash/png/decode';
import decodeWebp, { init as initWebpDecoder } from '@jsquash/webp/decode';
import encodeWebp, { init as initWebpEncoder } from '@jsquash/webp/encode';
import createPica from 'pica';
import type { Pixels } from './pixel-steps';

export interface CodecModules {
  jpegDecoder: WebAssembly.Module;
  jpegEncoder: WebAssembly.Module;
  pngDecoder: WebAssembly.Module;
  webpDecoder: WebAssembly.Module;
  /** libwebp's encoder built with SIMD, which workerd's V8 has. */
  webpEncoder: WebAssembly.Module;
}

export type DecodableType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface WasmCodecs {
  decode(type: DecodableType, bytes: Uint8Array): Promise<Pixels>;
  /** Lanczos3 on the sRGB values, as sharp resizes by default. */
  resize(image: Pixels, width: number, height: number): Promise<Pixels>;
  encodeJpeg(image: Pixels, quality: number): Promise<Uint8Array>;
  encodeWebp(image: Pixels, quality: number): Promise<Uint8Array>;
  /**
   * Lets go of the JPEG and WebP codecs' memory after a picture: an Emscripten module's memory grows to the
   * largest picture it worked on and never shrinks, so each picture starts with fresh instances and the old
   * ones are left to the garbage collector. (The PNG decoder cannot be started afresh: see the decision.)
   */
  release(): void;
}

// jSquash's init functions take the compiled module first (its types list only the options).
type InitWith = (module: WebAssembly.Module) => Promise<unknown>;
const withModule = (init: unknown) => init as InitWith;

export function createWasmCodecs(modules: CodecModules): WasmCodecs {
  const ready = new Map<string, Promise<unknown>>();
  const once = (name: keyof CodecModules, init: unknown) => {
    if (!ready.has(name)) {
      installImageData();
      ready.set(name, withModule(init)(modules[name]));
    }
    return ready.get(name)!;
  };
  // jSquash's own resizer copies its input into WebAssembly memory with float working buffers, 77 MB for a
  // 3-megapixel picture, that never shrink again; pica works in JavaScript memory, a fifth of that, and
  // frees it. Its WebAssembly and web-worker paths compile code at run time, which Workers do not allow.
  const pica = createPica({ features: ['js'] });

  return {
    async decode(type, bytes) {
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const buffer = (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
      if (type === 'image/png') {
        await once('pngDecoder', initPngDecoder);
        return decodePng(buffer);
      }
      if (type === 'image/webp') {
        await once('webpDecoder', initWebpDecoder);
        return decodeWebp(buffer);
      }
      await once('jpegDecoder', initJpegDecoder);
      // The orientation is applied afterwards, to the smaller picture (pixel-steps.ts).
      return decodeJpeg(buffer, { preserveOrientation: false });
    },
    async resize(image, width, height) {
      const data = await pica.resizeBuffer({
        src: image.data,
        width: image.width,
        height: image.height,
        toWidth: width,
        toHeight: height,
        filter: 'lanczos3',
      });
      return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height };
    },
    async encodeJpeg(image, quality) {
      await once('jpegEncoder', initJpegEncoder);
      return new Uint8Array(await encodeJpeg(image as Parameters<typeof encodeJpeg>[0], { quality }));
    },
    async encodeWebp(image, quality) {
      await once('webpEncoder', initWebpEncoder);
      return new Uint8Array(await encodeWebp(image as Parameters<typeof encodeWebp>[0], { quality }));
    },
    release() {
      for (const name of ['jpegDecoder', 'jpegEncoder', 'webpDecoder', 'webpEncoder'] as const)
        ready.delete(name);
    },
  };
}

/** The codecs build ImageData, which workerd and Node do not have: the plain shape they need. */
function installImageData() {
  const scope = globalThis as { ImageData?: unknown };
  scope.ImageData ??= class ImageData {
    constructor(
      readonly data: Uint8ClampedArray,
      readonly width: number,
      readonly height: number,
    ) {}
  };
}
