// The codecs a Worker makes pictures with: jSquash's WebAssembly builds of MozJPEG, libwebp and Squoosh's PNG
// decoder (the codecs of Google's Squoosh app), and pica's resizer in plain JavaScript. The caller hands over
// the compiled modules (wrangler bundles the .wasm files for a Worker; the benchmark reads them from
// node_modules).
//
// Memory is what Workers run short of (128 MB), so each JPEG or WebP codec is instantiated for one call and
// then dropped: an Emscripten module's memory starts at 16 MB, grows to the largest picture it worked on and
// never shrinks, and jSquash's own decode() and encode() keep one instance of each for good, which would hold
// 60–100 MB between pictures. Called through the same codec builds, an instance used once leaves all of its
// memory to the garbage collector.
import mozjpegDecoder from '@jsquash/jpeg/codec/dec/mozjpeg_dec.js';
import mozjpegEncoder from '@jsquash/jpeg/codec/enc/mozjpeg_enc.js';
import { defaultOptions as jpegDefaults } from '@jsquash/jpeg/meta';
import decodePng, { init as initPngDecoder } from '@jsquash/png/decode';
import webpDecoder from '@jsquash/webp/codec/dec/webp_dec.js';
import webpEncoder from '@jsquash/webp/codec/enc/webp_enc_simd.js';
import { defaultOptions as webpDefaults } from '@jsquash/webp/meta';
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
}

type Factory<T> = (options: {
  noInitialRun: boolean;
  instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void): unknown;
}) => Promise<T>;

/** A fresh instance of an Emscripten codec from its compiled module (what jSquash's init does, uncached). */
function instantiate<T>(factory: unknown, module: WebAssembly.Module): Promise<T> {
  return (factory as Factory<T>)({
    noInitialRun: true,
    instantiateWasm(imports, done) {
      const instance = new WebAssembly.Instance(module, imports);
      done(instance);
      return instance.exports;
    },
  });
}

interface Decoder {
  decode(data: Uint8Array, preserveOrientation?: boolean): Pixels | null;
}
interface Encoder {
  encode(data: Uint8ClampedArray, width: number, height: number, options: object): Uint8Array;
}

export function createWasmCodecs(modules: CodecModules): WasmCodecs {
  // The PNG decoder is a wasm-bindgen build that can be instantiated once only; see the decision.
  let png: Promise<unknown> | undefined;
  // jSquash's resizer copies its input into WebAssembly memory with float working buffers, 77 MB for a
  // 3-megapixel picture, that never shrink again; pica works in JavaScript memory, a fifth of that, and
  // frees it. Its WebAssembly and web-worker paths compile code at run time, which Workers do not allow.
  const pica = createPica({ features: ['js'] });

  const decodeWith = async (
    factory: unknown,
    module: WebAssembly.Module,
    decode: (codec: Decoder) => Pixels | null,
  ) => {
    installImageData();
    const image = decode(await instantiate<Decoder>(factory, module));
    if (!image) throw new Error('wasm-codecs: the picture could not be decoded');
    return { data: image.data, width: image.width, height: image.height };
  };
  const encodeWith = async (factory: unknown, module: WebAssembly.Module, image: Pixels, options: object) => {
    const codec = await instantiate<Encoder>(factory, module);
    // A copy: the result is a view into the codec's memory, which is dropped with it.
    return codec.encode(image.data, image.width, image.height, options).slice();
  };

  return {
    async decode(type, bytes) {
      if (type === 'image/png') {
        installImageData();
        png ??= initPngDecoder(modules.pngDecoder as never);
        await png;
        return decodePng(bytes.slice().buffer);
      }
      if (type === 'image/webp')
        return decodeWith(webpDecoder, modules.webpDecoder, (codec) => codec.decode(bytes));
      // The orientation is applied afterwards, to the smaller picture (pixel-steps.ts).
      return decodeWith(mozjpegDecoder, modules.jpegDecoder, (codec) => codec.decode(bytes, false));
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
    encodeJpeg(image, quality) {
      return encodeWith(mozjpegEncoder, modules.jpegEncoder, image, { ...jpegDefaults, quality });
    },
    encodeWebp(image, quality) {
      return encodeWith(webpEncoder, modules.webpEncoder, image, { ...webpDefaults, quality });
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
