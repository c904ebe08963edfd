// The codecs' WebAssembly modules as a Worker gets them: wrangler uploads each .wasm file beside the script and
// hands it over compiled (Workers cannot compile WebAssembly at run time).
import jpegDecoder from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm';
import jpegEncoder from '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm';
// @ts-expect-error wasm-bindgen's declaration beside this file lists its exports; imported, it is the module.
import pngDecoder from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm';
import webpDecoder from '@jsquash/webp/codec/dec/webp_dec.wasm';
import webpEncoder from '@jsquash/webp/codec/enc/webp_enc_simd.wasm';
import type { CodecModules } from './wasm-codecs';

export const workerCodecModules: CodecModules = {
  jpegDecoder,
  jpegEncoder,
  pngDecoder,
  webpDecoder,
  webpEncoder,
};
